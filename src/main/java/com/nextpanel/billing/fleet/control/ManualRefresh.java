package com.nextpanel.billing.fleet.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Operators' "refresh now", rate-limited on this node: one probe round at a time, and none again
 * within {@code gap} of the last one's start. A refresh that arrives while a round runs waits for
 * that round and shares its results, so a burst of refreshes (a dashboard in many tabs, a script)
 * cannot pile up probes until panels time out under the burst and look offline.
 */
final class ManualRefresh {

    private final Clock clock;
    private final Duration gap;
    private final AtomicInteger waiting = new AtomicInteger();
    private CompletableFuture<Void> running;
    private Instant lastStarted;

    ManualRefresh(Clock clock, Duration gap) {
        this.clock = clock;
        this.gap = gap;
    }

    /**
     * Runs {@code round} unless one is running (then waits for it, at most {@code wait}) or one
     * started within the gap; answers whether this call ran it.
     */
    boolean run(Runnable round, Duration wait) {
        CompletableFuture<Void> joined;
        CompletableFuture<Void> mine;
        synchronized (this) {
            joined = running;
            if (joined == null && lastStarted != null && clock.instant().isBefore(lastStarted.plus(gap))) {
                return false;
            }
            mine = joined == null ? running = new CompletableFuture<>() : null;
            if (mine != null) {
                lastStarted = clock.instant();
            }
        }
        if (mine == null) {
            waiting.incrementAndGet();
            try {
                await(joined, wait);
            } finally {
                waiting.decrementAndGet();
            }
            return false;
        }
        try {
            round.run();
        } finally {
            synchronized (this) {
                running = null;
            }
            mine.complete(null);
        }
        return true;
    }

    /** How many refreshes wait for the round under way. */
    int waiting() {
        return waiting.get();
    }

    private static void await(CompletableFuture<Void> round, Duration wait) {
        try {
            round.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the round's own caller meets its failure; this one answers with what is recorded
        }
    }
}
