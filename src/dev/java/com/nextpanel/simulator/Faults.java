package com.nextpanel.simulator;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** The switchable faults of one simulator (all but connection refusal, which needs the server). */
final class Faults {

    static final Duration HOUR = Duration.ofHours(1);

    private record FailNext(int count, int status) { }

    private record Window(long endNanos, AtomicInteger count) { }

    private volatile long latencyNanos;
    private volatile double errorRate;
    private final AtomicReference<FailNext> failNext = new AtomicReference<>(new FailNext(0, 0));
    private final AtomicInteger echoingRejections = new AtomicInteger();
    private final AtomicInteger idlessCreates = new AtomicInteger();
    private volatile boolean hang;
    private volatile boolean closed;
    private volatile int rateLimit;
    private volatile Duration rateWindow = HOUR;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    void setLatency(Duration latency) {
        if (latency == null || latency.isNegative()) {
            throw new IllegalArgumentException("latency must be >= 0: " + latency);
        }
        latencyNanos = latency.toNanos();
    }

    void setErrorRate(double fraction) {
        if (!(fraction >= 0.0 && fraction <= 1.0)) {
            throw new IllegalArgumentException("error rate must be within 0.0-1.0: " + fraction);
        }
        errorRate = fraction;
    }

    void failNext(int count, int status) {
        if (count < 0 || (count > 0 && (status < 100 || status > 599))) {
            throw new IllegalArgumentException("failNext(" + count + ", " + status + ")");
        }
        failNext.set(new FailNext(count, status));
    }

    /** @return the status to fail this request with, or 0 to serve it */
    int takeFailure() {
        FailNext before = failNext.getAndUpdate(f -> f.count > 0 ? new FailNext(f.count - 1, f.status) : f);
        if (before.count > 0) {
            return before.status;
        }
        double rate = errorRate;
        return rate > 0 && ThreadLocalRandom.current().nextDouble() < rate ? 500 : 0;
    }

    void rejectNextEchoingInput(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("rejectNextEchoingInput(" + count + ")");
        }
        echoingRejections.set(count);
    }

    /** @return whether to answer this (authenticated) request with a 422 that echoes its body */
    boolean takeEchoingRejection() {
        return echoingRejections.getAndUpdate(n -> n > 0 ? n - 1 : n) > 0;
    }

    synchronized void setHang(boolean on) {
        hang = on;
        if (!on) {
            notifyAll();
        }
    }

    /** Blocks while hanging; @return false if released by close (the request is to be dropped). */
    boolean awaitNotHanging() throws InterruptedException {
        if (hang) {
            synchronized (this) {
                while (hang && !closed) {
                    wait();
                }
            }
        }
        return !closed;
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }

    /**
     * Sleeps until the latency has passed since the request arrived ({@code arrivedNanos}, from
     * System.nanoTime): the panel answers that long after the request, its own work included,
     * not that long after its work, which on a busy machine takes a while. (Thread.sleep may
     * round a sub-millisecond remainder down, hence the loop.)
     */
    void sleepLatency(long arrivedNanos) throws InterruptedException {
        long nanos = latencyNanos;
        if (nanos <= 0) {
            return;
        }
        long deadline = arrivedNanos + nanos;
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    synchronized void setRateLimit(int requests, Duration window) {
        if (requests < 0 || window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("rate limit " + requests + " per " + window);
        }
        rateLimit = requests;
        rateWindow = window;
        windows.clear(); // a new limit starts fresh windows so tests are deterministic
    }

    /** Counts a request of {@code apiKey}; @return 0 if allowed, else the Retry-After seconds (>= 1). */
    long admit(String apiKey) {
        int limit = rateLimit;
        if (limit <= 0) {
            return 0;
        }
        long now = System.nanoTime();
        long length = rateWindow.toNanos();
        Window w = windows.compute(apiKey, (k, old) -> old == null || now - old.endNanos >= 0
                ? new Window(now + length, new AtomicInteger()) : old);
        if (w.count.incrementAndGet() <= limit) {
            return 0;
        }
        long left = w.endNanos - now;
        return Math.max(1, (left + 999_999_999L) / 1_000_000_000L);
    }

    /** The next {@code count} creates succeed on the panel but answer 201 without the account's id. */
    void answerNextCreatesWithoutId(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("answerNextCreatesWithoutId(" + count + ")");
        }
        idlessCreates.set(count);
    }

    boolean takeIdlessCreate() {
        return idlessCreates.getAndUpdate(n -> n > 0 ? n - 1 : n) > 0;
    }

    void resetCounters() {
        windows.clear();
    }

    void reset() {
        setLatency(Duration.ZERO);
        setErrorRate(0);
        failNext(0, 0);
        rejectNextEchoingInput(0);
        answerNextCreatesWithoutId(0);
        setHang(false);
        setRateLimit(0, HOUR);
    }

    JsonObject toJson(boolean refusing) {
        FailNext f = failNext.get();
        return Reply.object()
                .add("latency_ms", TimeUnit.NANOSECONDS.toMillis(latencyNanos))
                .add("error_rate", errorRate)
                .add("hang", hang)
                .add("refusing", refusing)
                .add("rate_limit", Reply.object().add("requests", rateLimit)
                        .add("window_seconds", rateWindow.toMillis() / 1000.0))
                .add("fail_next", Reply.object().add("count", f.count).add("status", f.status))
                .add("reject_next_echoing_input", echoingRejections.get())
                .build();
    }
}
