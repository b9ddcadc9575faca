package com.nextpanel.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tasks 0 … n-1 on a fixed pool of client threads, all released at once by a latch (as {@link Load}
 * sends provisions): each task's time, and the failures grouped by their message.
 */
final class Parallel {

    interface Task {
        void run(int i) throws Exception;
    }

    private final ExecutorService pool;
    private final double[] ms;
    private final Map<String, Integer> errors = new TreeMap<>();
    private final AtomicLong lastEnd = new AtomicLong();
    private long started;
    private boolean done;

    private Parallel(int n, int threads) {
        this.ms = new double[n];
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "bench-client");
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs all n tasks and returns when each is done. */
    static Parallel run(int n, int threads, Task task) throws InterruptedException {
        return run(n, threads, task, true);
    }

    /** Starts all n tasks; returns when they are done, or at once (then {@link #await()}) when {@code wait} is false. */
    static Parallel run(int n, int threads, Task task, boolean wait) throws InterruptedException {
        Parallel run = new Parallel(n, threads);
        AtomicInteger next = new AtomicInteger();
        CountDownLatch gate = new CountDownLatch(1);
        for (int c = 0; c < threads; c++) {
            run.pool.execute(() -> {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    long begun = System.nanoTime();
                    try {
                        task.run(i);
                    } catch (Exception | AssertionError e) {
                        String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
                        synchronized (run.errors) {
                            run.errors.merge(message.length() > 200 ? message.substring(0, 200) + "…" : message, 1, Integer::sum);
                        }
                    }
                    long end = System.nanoTime();
                    run.ms[i] = Report.ms(end - begun);
                    run.lastEnd.accumulateAndGet(end, Math::max);
                }
            });
        }
        run.started = System.nanoTime();
        gate.countDown();
        run.pool.shutdown();
        if (wait) {
            run.await();
        }
        return run;
    }

    /** Waits for every task (10 minutes at most). */
    void await() throws InterruptedException {
        if (!done && !pool.awaitTermination(10, TimeUnit.MINUTES)) {
            pool.shutdownNow();
            throw new IllegalStateException("the clients did not finish within 10 minutes");
        }
        done = true;
    }

    /** Interrupts the tasks still running (an HTTP call in java.net.http ends with it) and waits 10 s for them. */
    void abandon() throws InterruptedException {
        pool.shutdownNow();
        done = pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    boolean finished() {
        return pool.isTerminated();
    }

    /** System.nanoTime() when the tasks were released. */
    long started() {
        return started;
    }

    /** From the release until the last task ended (once {@link #await()} has returned). */
    double seconds() {
        return (lastEnd.get() - started) / 1e9;
    }

    /** "median 12 ms, p95 30 ms, max 41 ms" over the tasks. */
    String times() {
        return String.format("median %.0f ms, p95 %.0f ms, max %.0f ms", Report.percentile(ms, 50), Report.percentile(ms, 95),
                Report.max(ms));
    }

    /** Fails the benchmark, saying what went wrong how often, when a task failed. */
    void requireNoErrors(String what) {
        if (failures(what) > 0) {
            throw new IllegalStateException(what + ": " + failures(null) + " of " + ms.length + " failed, first: "
                    + errors.keySet().iterator().next());
        }
    }

    /** How many tasks failed; each kind of failure printed with its count, unless {@code what} is null. */
    int failures(String what) {
        synchronized (errors) {
            if (what != null) {
                errors.forEach((message, count) -> Report.info("  " + what + " failed " + count + " × " + message));
            }
            return errors.values().stream().mapToInt(Integer::intValue).sum();
        }
    }
}
