package com.nextpanel.billing.automation.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Picks up due jobs every jobs.poll-interval-ms: retries after backoff, and jobs whose node died
 * mid-way. Each node's timer fires; the claim in {@link Jobs} hands each job to one of them.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigration")
@TransactionManagement(TransactionManagementType.BEAN) // rule 1: jobs call panels outside transactions
@ManagedExecutorDefinition(name = JobWorker.EXECUTOR, maxAsync = 64)
public class JobWorker {

    static final String EXECUTOR = "java:app/concurrent/jobs";
    private static final Logger LOG = Logger.getLogger(JobWorker.class.getName());
    /** One timer tick keeps claiming while work is due, but yields after this long. */
    private static final Duration MAX_TICK = Duration.ofSeconds(30);

    @Resource
    TimerService timers;

    @Resource(lookup = EXECUTOR)
    ManagedExecutorService executor;

    @Inject
    Jobs jobs;

    @Inject
    JobRunner runner;

    @Inject
    AutomationConfig config;

    @PostConstruct
    void start() {
        long interval = config.pollInterval().toMillis();
        timers.createIntervalTimer(interval, interval, new TimerConfig("job-worker", false));
    }

    @Timeout
    void tick() {
        long deadline = System.nanoTime() + MAX_TICK.toNanos();
        try {
            List<Long> claimed;
            do {
                claimed = jobs.claimDue(config.batchSize());
                CompletableFuture.allOf(claimed.stream()
                        .map(id -> CompletableFuture.runAsync(() -> runner.runClaimed(id), executor))
                        .toArray(CompletableFuture[]::new)).join();
            } while (claimed.size() == config.batchSize() && System.nanoTime() < deadline);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Job worker round failed; the next round will try again", e);
        }
    }
}
