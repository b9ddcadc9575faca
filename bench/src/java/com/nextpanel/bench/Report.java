package com.nextpanel.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What a benchmark prints: figures with their limit and ratio, and one final PASS/FAIL line. */
final class Report {

    private final String id;
    private final List<String> failures = new ArrayList<>();

    Report(String id) {
        this.id = id;
    }

    /** Context (set-up, diagnostics): prefixed so that the result lines stand out. */
    static void info(String line) {
        System.out.println("[bench] " + line);
        System.out.flush();
    }

    /** A result line as it is. */
    void line(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** A figure that must stay at or below its limit: "<label>: <figure> — limit <limit> — ratio 0.42 (PASS)". */
    void atMost(String label, String figure, double value, double limit, String limitText, String why) {
        double ratio = value / limit;
        boolean pass = value <= limit;
        line(String.format("%s %s: %s — limit %s — ratio %.2f (%s)", id, label, figure, limitText, ratio, pass ? "PASS" : "FAIL"));
        if (!pass) {
            failures.add(why);
        }
    }

    /** A figure that must reach its goal: the ratio is goal / figure, so that here too below 1 passes. */
    void atLeast(String label, String figure, double value, double goal, String goalText, String why) {
        double ratio = goal / value;
        boolean pass = value >= goal;
        line(String.format("%s %s: %s — goal %s — ratio %.2f (%s)", id, label, figure, goalText, ratio, pass ? "PASS" : "FAIL"));
        if (!pass) {
            failures.add(why);
        }
    }

    /** A plain check: "<label>: <what> (PASS|FAIL)". */
    void check(String label, String what, boolean pass, String why) {
        line(String.format("%s %s: %s (%s)", id, label, what, pass ? "PASS" : "FAIL"));
        if (!pass) {
            failures.add(why);
        }
    }

    void fail(String why) {
        failures.add(why);
    }

    boolean passed() {
        return failures.isEmpty();
    }

    /** The last line: "P1: PASS" or "P1: FAIL (why; why)". */
    String verdict() {
        return id + ": " + (passed() ? "PASS" : "FAIL (" + String.join("; ", failures) + ")");
    }

    String id() {
        return id;
    }

    // ---- figures ----

    /** Nearest-rank percentile of the values (any order), p in 0..100. */
    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }
}
