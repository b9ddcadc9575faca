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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The queue's worker: every second it picks up due jobs (panel actions and emails): new ones,
 * retries after their backoff, and jobs whose node died mid-way. Each node's timer fires; the
 * claim in {@link JobClaims} hands each job to one of them.
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
    /** A runner with nothing to do looks this often whether the node is stopping. */
    private static final Duration RUNNER_LOOK = Duration.ofSeconds(1);

    @Resource(lookup = EXECUTOR)
    ManagedExecutorService executor;

    @Inject
    JobClaims claims;

    @Inject
    JobRunner runner;

    @Inject
    AutomationConfig config;

    /** Jobs in flight from this node (claimed, queued or running), at most jobs.batch-size. */
    private Semaphore inFlight;
    /** Claimed jobs waiting for a runner. */
    private final BlockingQueue<Job> claimed = new LinkedBlockingQueue<>();
    /** Runners: each takes job after job from the queue, until the node stops. */
    private final AtomicInteger runners = new AtomicInteger();
    private volatile boolean stopping;

    @PostConstruct
    void start() {
        inFlight = new Semaphore(config.batchSize());
    }

    /** Runners finish the job in hand; the claims still queued go back, due again for any node. */
    @PreDestroy
    void stop() {
        stopping = true;
        unclaimQueued();
    }

    private void unclaimQueued() {
        List<Job> unstarted = new ArrayList<>();
        claimed.drainTo(unstarted);
        try {
            claims.unclaim(unstarted);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, unstarted.size() + " claimed jobs are left to their lease", e);
        }
    }

    /**
     * Keeps up to jobs.batch-size jobs running: claims more as soon as a quarter of the slots
     * are free, rather than waiting for a whole batch to finish (its slowest job would leave
     * the panels idle). Returns when nothing is due, or after MAX_TICK; jobs still running
     * finish on their own, and the next tick counts them.
     */
    @Schedule(second = "*", minute = "*", hour = "*", persistent = false)
    void tick() {
        long deadline = System.nanoTime() + MAX_TICK.toNanos();
        int claimAtLeast = Math.max(1, config.batchSize() / 4);
        try {
            startRunners(); // the first tick's, and any that ended unexpectedly
            while (System.nanoTime() < deadline && !stopping) {
                if (!inFlight.tryAcquire(claimAtLeast, MAX_TICK.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
                int free = claimAtLeast + inFlight.drainPermits();
                List<Job> due = List.of();
                try {
                    due = claims.claimDue(free);
                } finally {
                    inFlight.release(Math.max(0, free - due.size())); // each claimed job holds its slot until run
                }
                claimed.addAll(due);
                if (stopping) {
                    unclaimQueued(); // the node began to stop meanwhile: @PreDestroy may have drained before these came
                    return;
                }
                if (due.size() < free) {
                    return; // nothing more is due now
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Job worker round failed; the next round will try again", e);
        }
    }

    /**
     * Starts runners up to jobs.batch-size. A runner is a long task on the managed executor: it
     * takes job after job until the node stops. Handing it each job as a task of its own set up
     * the container's context (naming, security, class loader) once per job; and a managed task
     * that ended while the node went on logged a SEVERE "No invocation on invocation stack" from
     * Payara's context reset, each time the runners went idle.
     */
    private void startRunners() {
        while (!stopping && runners.get() < config.batchSize()) {
            runners.incrementAndGet();
            try {
                executor.execute(this::runQueued);
            } catch (RuntimeException rejected) {
                runners.decrementAndGet();
                throw rejected;
            }
        }
    }

    private void runQueued() {
        try {
            while (!stopping) {
                Job job = claimed.poll(RUNNER_LOOK.toMillis(), TimeUnit.MILLISECONDS);
                if (job == null) {
                    continue;
                }
                try {
                    runner.run(job);
                } catch (RuntimeException e) {
                    // not settled (the database?): its lease runs out and a worker takes it again
                    LOG.log(Level.WARNING, "Job " + job.id() + " could not be settled; it will be taken again", e);
                } finally {
                    inFlight.release();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            runners.decrementAndGet(); // the next tick starts another, unless the node is stopping
        }
    }
}
