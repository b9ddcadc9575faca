package com.nextpanel.billing.automation.control;

import com.nextpanel.billing.automation.entity.Job;
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
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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

    /** Jobs in flight from this node, at most jobs.batch-size. */
    private Semaphore inFlight;

    @PostConstruct
    void start() {
        inFlight = new Semaphore(config.batchSize());
        long interval = config.pollInterval().toMillis();
        timers.createIntervalTimer(interval, interval, new TimerConfig("job-worker", false));
    }

    /**
     * Keeps up to jobs.batch-size jobs running: claims more as soon as a quarter of the slots
     * are free, rather than waiting for a whole batch to finish (its slowest job would leave
     * the panels idle). Returns when nothing is due, or after MAX_TICK; jobs still running
     * finish on their own, and the next tick counts them.
     */
    @Timeout
    void tick() {
        long deadline = System.nanoTime() + MAX_TICK.toNanos();
        int claimAtLeast = Math.max(1, config.batchSize() / 4);
        try {
            while (System.nanoTime() < deadline) {
                if (!inFlight.tryAcquire(claimAtLeast, MAX_TICK.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
                int free = claimAtLeast + inFlight.drainPermits();
                List<Job> claimed;
                try {
                    claimed = jobs.claimDue(free);
                } finally {
                    inFlight.release(free); // each job started below takes its slot back
                }
                for (Job job : claimed) {
                    inFlight.acquireUninterruptibly();
                    try {
                        executor.execute(() -> {
                            try {
                                runner.run(job);
                            } finally {
                                inFlight.release();
                            }
                        });
                    } catch (RuntimeException rejected) {
                        inFlight.release();
                        throw rejected;
                    }
                }
                if (claimed.size() < free) {
                    return; // nothing more is due now
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Job worker round failed; the next round will try again", e);
        }
    }
}
