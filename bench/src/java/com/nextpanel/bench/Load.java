package com.nextpanel.bench;

import jakarta.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** POST /provision from a bounded pool of client threads, all released at once. */
final class Load {

    /** Per request: HTTP status (-1: no answer) and time in ms; answers other than 200 by their problem detail. */
    record Result(int[] status, double[] ms, long elapsedNanos, Map<String, Long> notCreated) {

        int count(int wanted) {
            int n = 0;
            for (int s : status) {
                n += s == wanted ? 1 : 0;
            }
            return n;
        }

        double seconds() {
            return elapsedNanos / 1e9;
        }

        String statusSummary() {
            Map<Integer, Integer> byStatus = new TreeMap<>();
            for (int s : status) {
                byStatus.merge(s, 1, Integer::sum);
            }
            StringBuilder text = new StringBuilder();
            byStatus.forEach((s, n) -> text.append(text.length() == 0 ? "" : ", ").append(n).append(" × ")
                    .append(s == -1 ? "no answer" : "HTTP " + s));
            return text.toString();
        }
    }

    private Load() {
    }

    /** Provisions {@code prefix0 … prefix(n-1)} with {@code clients} threads; waits for every answer. */
    static Result provision(BenchStack stack, String prefix, int n, int clients) throws InterruptedException {
        int[] status = new int[n];
        double[] ms = new double[n];
        Map<String, LongAdder> notCreated = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        CountDownLatch gate = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients, r -> {
            Thread t = new Thread(r, "bench-client");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int c = 0; c < clients; c++) {
                pool.execute(() -> {
                    try {
                        gate.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        long started = System.nanoTime();
                        try {
                            AppApi.Reply reply = stack.api().provision(prefix + i);
                            status[i] = reply.status();
                            if (reply.status() != 200) {
                                notCreated.computeIfAbsent(reply.status() + " " + detail(reply), k -> new LongAdder()).increment();
                            }
                        } catch (Exception e) {
                            status[i] = -1;
                            notCreated.computeIfAbsent("no answer: " + e, k -> new LongAdder()).increment();
                        }
                        ms[i] = Report.ms(System.nanoTime() - started);
                    }
                });
            }
            long started = System.nanoTime();
            gate.countDown();
            pool.shutdown();
            if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the load did not finish within 10 minutes");
            }
            long elapsed = System.nanoTime() - started;
            Map<String, Long> reasons = new TreeMap<>();
            notCreated.forEach((k, v) -> reasons.put(k, v.sum()));
            return new Result(status, ms, elapsed, reasons);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The problem's detail up to its particulars (server lists, ids), so that like answers group. */
    private static String detail(AppApi.Reply reply) {
        try {
            JsonObject problem = reply.json();
            String detail = problem.getString("detail", problem.toString());
            int particulars = detail.indexOf(" (");
            return particulars > 0 ? detail.substring(0, particulars) : detail;
        } catch (RuntimeException e) {
            return reply.shortBody();
        }
    }
}
