package com.nextpanel.billing.automation.control;

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

    /** The most jobs in flight on one node, whatever jobs.batch-size says: the runners' executor's threads. */
    public static final int MOST_IN_FLIGHT = 256;

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

    /** Jobs in flight on this node; each has a runner thread, hence the cap. */
    public int batchSize() {
        return Math.min(MOST_IN_FLIGHT, Math.max(1, batchSize));
    }
}
