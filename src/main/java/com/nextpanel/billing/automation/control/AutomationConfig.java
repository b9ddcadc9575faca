package com.nextpanel.billing.automation.control;

import com.nextpanel.billing.automation.entity.Job;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How jobs are retried and run (JOBS_MAX_ATTEMPTS, JOBS_BACKOFF_BASE_MS, …). */
@ApplicationScoped
public class AutomationConfig {

    @Inject
    @ConfigProperty(name = "jobs.max-attempts", defaultValue = "8")
    int maxAttempts;

    @Inject
    @ConfigProperty(name = "jobs.backoff-base-ms", defaultValue = "5000")
    long backoffBaseMs;

    @Inject
    @ConfigProperty(name = "jobs.backoff-max-ms", defaultValue = "600000")
    long backoffMaxMs;

    @Inject
    @ConfigProperty(name = "jobs.lease-seconds", defaultValue = "30")
    long leaseSeconds;

    /** The most panel actions in flight on one node, whatever jobs.batch-size says. */
    public static final int MOST_IN_FLIGHT = 256;
    /** The most emails being sent at once from one node, whatever mail.max-connections says. */
    public static final int MOST_EMAILS_IN_FLIGHT = 32;

    @Inject
    @ConfigProperty(name = "mail.max-connections", defaultValue = "4")
    int mailConnections;

    @Inject
    @ConfigProperty(name = "jobs.batch-size", defaultValue = "96")
    int batchSize;

    public int maxAttempts() {
        return Math.max(1, maxAttempts);
    }

    /** Exponential: base, 2×base, 4×base … capped. */
    public Duration backoffAfter(int attempts) {
        long factor = 1L << Math.min(20, Math.max(0, attempts - 1));
        return Duration.ofMillis(Math.min(backoffMaxMs, backoffBaseMs * factor));
    }

    /**
     * How long a claimed job is ours unless renewed ({@link ClaimRenewal}); a node that dies loses
     * its claims when this runs out. At least two renewal periods.
     */
    public Duration lease() {
        return Duration.ofSeconds(Math.max(2L * ClaimRenewal.PERIOD_SECONDS, leaseSeconds));
    }

    /**
     * A lane's places on this node, each a thread of the job executor: jobs.batch-size panel
     * actions; mail.max-connections emails, each one SMTP conversation (mail servers limit them
     * per client).
     */
    public int places(Job.Lane lane) {
        return lane == Job.Lane.EMAIL ? Math.min(MOST_EMAILS_IN_FLIGHT, Math.max(1, mailConnections))
                : Math.min(MOST_IN_FLIGHT, Math.max(1, batchSize));
    }
}
