package com.nextpanel.billing.automation.control;

import com.nextpanel.billing.automation.control.Jobs.Settling;
import com.nextpanel.billing.automation.entity.Job;
import com.nextpanel.billing.platform.RequestIds;
import com.nextpanel.billing.platform.TransactionMemo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Settles attempts that end at about the same time in one transaction (group commit). A thread
 * that finds the settler free becomes it and settles what is waiting, in groups: a request's
 * thread until its own attempt is settled, so that no request works for others for long, a
 * worker's until nothing waits; then it hands over to the owner of the next waiting attempt.
 * A thread that finds the settler at work waits for its answer. A lone attempt settles at
 * once, alone, so a quiet node waits for nobody. A sweep of
 * thousands of jobs pays one commit and one lock query per table for each group instead of for
 * each job. If a group's transaction fails, its attempts are settled one by one, so one bad
 * attempt spoils only its own.
 */
@ApplicationScoped
public class JobSettler {

    /** The most attempts one transaction settles: its locks are held until all are written. */
    static final int MOST_TOGETHER = 64;
    /**
     * One settler per node: while it writes a group, the next one gathers. A worker settles until
     * nothing waits, and two workers taking turns halved the groups: in a sweep of 10,000
     * suspensions one worker settler used 15 % less CPU and ended sooner (20–21 s against
     * 22–23 s). Since provisions open in one statement, one settler for requests too: in P2,
     * 10 % less of Payara's CPU and 9 % less of PostgreSQL's per provision than with two, and
     * 190–213 provisions/s against 178–208/s in six interleaved pairs of runs.
     */
    private final Semaphore settler = new Semaphore(1);
    /** A waiting thread looks again this often even unwoken; handing over wakes it at once. */
    private static final long LOOK_AGAIN_NANOS = Duration.ofMillis(50).toNanos();

    private static final Logger LOG = Logger.getLogger(JobSettler.class.getName());

    private final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();

    @Inject
    Jobs jobs;

    @Inject
    TransactionMemo transaction;

    /** An attempt waiting to be settled, and its owner, who waits for the answer. */
    private static final class Waiting {
        final Settling settling;
        final Thread owner = Thread.currentThread();
        private Job settled;
        private RuntimeException failure;
        private volatile boolean done;

        Waiting(Settling settling) {
            this.settling = settling;
        }

        void answer(Job job, RuntimeException error) {
            if (!done) {
                settled = job;
                failure = error;
                done = true; // after the fields: the owner reads them once it sees done
                LockSupport.unpark(owner);
            }
        }
    }

    /**
     * Records the outcome as {@link Jobs#settle} does and answers the settled job, maybe in a
     * transaction shared with other attempts; {@code together} is what the jobs' handlers do
     * around a group.
     */
    public Job settle(long jobId, JobOutcome outcome, Consumer<Job> andThen, Jobs.Together together) {
        if (transaction.active()) {
            return jobs.settle(jobId, outcome, andThen); // the caller's transaction is not ours to share
        }
        Waiting mine = new Waiting(new Settling(jobId, outcome, andThen, RequestIds.carry()));
        waiting.add(mine);
        boolean interrupted = false;
        while (!mine.done) {
            settleUntilDone(mine, together);
            if (!mine.done) {
                LockSupport.parkNanos(this, LOOK_AGAIN_NANOS);
                // the attempt happened on the panel: it is settled all the same, the interrupt kept for after
                interrupted |= Thread.interrupted();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (mine.failure != null) {
            throw mine.failure; // as settling alone would have thrown it
        }
        return mine.settled;
    }

    /** If a settler is free, settles groups until {@code mine} is settled, then hands over. */
    private void settleUntilDone(Waiting mine, Jobs.Together together) {
        // A request hands over as soon as its own attempt is settled: its caller waits. A worker
        // settles until nothing waits: waking another owner takes a while on a busy machine.
        boolean forRequest = RequestIds.current() != null;
        if (!settler.tryAcquire()) {
            return; // at work: it hands over when it stops
        }
        try {
            while ((!mine.done || !forRequest) && !waiting.isEmpty()) {
                settleGroup(together);
            }
        } finally {
            settler.release();
        }
        Waiting next = waiting.peek();
        if (next != null) {
            LockSupport.unpark(next.owner); // its owner comes to settle it
        }
    }

    private void settleGroup(Jobs.Together together) {
        List<Waiting> group = new ArrayList<>();
        for (Waiting next; group.size() < MOST_TOGETHER && (next = waiting.poll()) != null; ) {
            group.add(next);
        }
        try {
            if (group.size() > 1 && settledTogether(group, together)) {
                return;
            }
            for (Waiting one : group) {
                Settling settling = one.settling;
                try {
                    settling.carried().run(() -> one.answer(
                            jobs.settle(settling.jobId(), settling.outcome(), settling.andThen()), null));
                } catch (RuntimeException e) {
                    one.answer(null, e);
                }
            }
        } finally {
            // nobody waits forever, whatever went wrong above (an exception only for those unanswered:
            // its stack trace cost 0.5 % of Payara's CPU in P2 when made for every attempt)
            group.stream().filter(one -> !one.done)
                    .forEach(one -> one.answer(null, new IllegalStateException("not settled")));
        }
    }

    private boolean settledTogether(List<Waiting> group, Jobs.Together together) {
        List<Job> settled;
        try {
            settled = jobs.settleAll(group.stream().map(one -> one.settling).toList(), together);
        } catch (RuntimeException spoiled) {
            // rolled back (a deadlock, a refused change): each is settled alone and hears its own failure
            LOG.log(Level.INFO, "Settling " + group.size() + " job outcomes together failed; settling each alone",
                    spoiled);
            return false;
        }
        for (int i = 0; i < group.size(); i++) {
            group.get(i).answer(settled.get(i), null);
        }
        return true;
    }
}
