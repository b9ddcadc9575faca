package com.nextpanel.billing.automation.control;

import com.nextpanel.billing.automation.entity.Job;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
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
 * The queue's worker: every second it picks up due jobs (panel actions and emails): new ones,
 * retries after their backoff, and jobs whose node died mid-way. Each node's timer fires; the
 * claim in {@link JobClaims} hands each job to one of them. Each claimed job runs as a task of
 * the managed executor, up to jobs.batch-size at once.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigration")
@TransactionManagement(TransactionManagementType.BEAN) // jobs call panels, never inside a transaction
@ManagedExecutorDefinition(name = JobWorker.EXECUTOR, maxAsync = AutomationConfig.MOST_IN_FLIGHT)
public class JobWorker {

    static final String EXECUTOR = "java:app/concurrent/jobs";
    private static final Logger LOG = Logger.getLogger(JobWorker.class.getName());
    /** One timer tick keeps claiming while work is due, but yields after this long. */
    private static final Duration MAX_TICK = Duration.ofSeconds(30);

    @Resource(lookup = EXECUTOR)
    ManagedExecutorService executor;

    @Inject
    JobClaims claims;

    @Inject
    JobRunner runner;

    @Inject
    AutomationConfig config;

    /** Free places for jobs on this node: jobs.batch-size, less the jobs claimed and running. */
    private Semaphore free;
    private volatile boolean stopping;

    @PostConstruct
    void start() {
        free = new Semaphore(config.batchSize());
    }

    /** Jobs running finish; no more are claimed. */
    @PreDestroy
    void stop() {
        stopping = true;
    }

    /**
     * Keeps up to jobs.batch-size jobs running: claims more as soon as a quarter of the places
     * are free, rather than waiting for a whole batch to finish (its slowest job would leave the
     * panels idle). Returns when nothing is due, or after MAX_TICK; jobs still running finish on
     * their own, and the next tick counts them.
     */
    @Schedule(second = "*", minute = "*", hour = "*", persistent = false)
    void tick() {
        long deadline = System.nanoTime() + MAX_TICK.toNanos();
        int claimAtLeast = Math.max(1, config.batchSize() / 4);
        try {
            while (System.nanoTime() < deadline && !stopping) {
                if (!free.tryAcquire(claimAtLeast, MAX_TICK.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
                int places = claimAtLeast + free.drainPermits();
                List<Job> due = List.of();
                try {
                    due = claims.claimDue(places);
                } finally {
                    free.release(Math.max(0, places - due.size())); // each claimed job holds its place until run
                }
                due.forEach(this::runAside);
                if (due.size() < places) {
                    return; // nothing more is due now
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Job worker round failed; the next round will try again", e);
        }
    }

    /** Runs a claimed job as a task of its own; one the executor refuses (the node stops) goes back to the queue. */
    private void runAside(Job job) {
        try {
            executor.execute(() -> {
                try {
                    runner.run(job);
                } catch (RuntimeException e) {
                    // not settled (the database?): its lease runs out and a worker takes it again
                    LOG.log(Level.WARNING, "Job " + job.id() + " could not be settled; it will be taken again", e);
                } finally {
                    free.release();
                }
            });
        } catch (RuntimeException refused) {
            free.release();
            claims.unclaim(List.of(job));
        }
    }
}
