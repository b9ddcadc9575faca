package com.nextpanel.billing.automation.control;

import com.nextpanel.billing.automation.entity.Job;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The queue's worker: every second, in each {@link Job.Lane lane}, it picks up due jobs: new
 * ones, retries after their backoff, and jobs whose node died mid-way. Each node's timers fire;
 * the claim in {@link JobClaims} hands each job to one of them. Each claimed job runs as a task
 * of the managed executor, up to the lane's places at once.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN) // the lanes' timers run side by side
@TransactionManagement(TransactionManagementType.BEAN) // jobs call panels, never inside a transaction
@ManagedExecutorDefinition(name = JobWorker.EXECUTOR,
        maxAsync = AutomationConfig.MOST_IN_FLIGHT + AutomationConfig.MOST_EMAILS_IN_FLIGHT)
public class JobWorker {

    static final String EXECUTOR = "java:app/concurrent/jobs";
    private static final Logger LOG = Logger.getLogger(JobWorker.class.getName());
    /** One round keeps claiming while work is due, but yields after this long. */
    private static final Duration MAX_ROUND = Duration.ofSeconds(30);

    @Resource(lookup = EXECUTOR)
    ManagedExecutorService executor;

    @Inject
    JobClaims claims;

    @Inject
    JobRunner runner;

    @Inject
    AutomationConfig config;

    /** Free places for jobs on this node, per lane: its places, less the jobs claimed and running. */
    private final Map<Job.Lane, Semaphore> free = new EnumMap<>(Job.Lane.class);
    /** Whether a lane's round is under way: a timer that fires meanwhile leaves it to that round. */
    private final Map<Job.Lane, AtomicBoolean> working = new EnumMap<>(Job.Lane.class);
    private volatile boolean stopping;

    @PostConstruct
    void start() {
        for (Job.Lane lane : Job.Lane.values()) {
            free.put(lane, new Semaphore(config.places(lane)));
            working.put(lane, new AtomicBoolean());
        }
    }

    /** Jobs running finish; no more are claimed. */
    @PreDestroy
    void stop() {
        stopping = true;
    }

    @Schedule(second = "*", minute = "*", hour = "*", persistent = false)
    void panelActions() {
        round(Job.Lane.PANEL);
    }

    @Schedule(second = "*", minute = "*", hour = "*", persistent = false)
    void emails() {
        round(Job.Lane.EMAIL);
    }

    /**
     * Keeps up to the lane's places running: claims more as soon as a quarter of them are free,
     * rather than waiting for a whole batch to finish (its slowest job would leave the panels
     * idle). Returns when nothing is due, or after MAX_ROUND; jobs still running finish on their
     * own, and the next round counts them.
     */
    private void round(Job.Lane lane) {
        if (!working.get(lane).compareAndSet(false, true)) {
            return;
        }
        Semaphore places = free.get(lane);
        long deadline = System.nanoTime() + MAX_ROUND.toNanos();
        int claimAtLeast = Math.max(1, config.places(lane) / 4);
        try {
            while (System.nanoTime() < deadline && !stopping) {
                if (!places.tryAcquire(claimAtLeast, MAX_ROUND.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
                int taken = claimAtLeast + places.drainPermits();
                List<Job> due = List.of();
                try {
                    due = claims.claimDue(lane, taken);
                } finally {
                    places.release(Math.max(0, taken - due.size())); // each claimed job holds its place until run
                }
                due.forEach(job -> runAside(job, places));
                if (due.size() < taken) {
                    return; // nothing more is due now
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Job worker round (" + lane + ") failed; the next round will try again", e);
        } finally {
            working.get(lane).set(false);
        }
    }

    /** Runs a claimed job as a task of its own; one the executor refuses (the node stops) goes back to the queue. */
    private void runAside(Job job, Semaphore places) {
        try {
            executor.execute(() -> {
                try {
                    runner.run(job);
                } catch (RuntimeException e) {
                    // not settled (the database?): its lease runs out and a worker takes it again
                    LOG.log(Level.WARNING, "Job " + job.id() + " could not be settled; it will be taken again", e);
                } finally {
                    places.release();
                }
            });
        } catch (RuntimeException refused) {
            places.release();
            claims.unclaim(List.of(job));
        }
    }
}
