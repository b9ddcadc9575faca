package com.nextpanel.bench;

import com.nextpanel.simulator.NextPanelSimulator;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Where the time of a load run goes, watched from outside the app (its code is not ours to
 * instrument): panel calls in flight, the app's PostgreSQL sessions (pool use, lock waits),
 * transactions per request, CPU by process; with -Dbench.profile=true also statement counts
 * (pg_stat_statements) and what Payara's request threads are doing (jcmd thread dumps).
 */
final class Diagnostics implements AutoCloseable {

    private static final long CLK_TCK = 100; // Linux USER_HZ

    static boolean profiling() {
        return Boolean.getBoolean("bench.profile");
    }

    /**
     * pg_stat_statements is loaded into PostgreSQL only when profiling, or alone with
     * -Dbench.statements=true (without the thread dumps and JFR, which slow the run): it costs a
     * little on every statement.
     */
    static boolean statementsWanted() {
        return profiling() || Boolean.getBoolean("bench.statements");
    }

    private final BenchStack stack;
    private final List<NextPanelSimulator> panels;
    private final int panelSlots;
    private final Connection db;
    private volatile boolean running = true;
    private final List<Thread> samplers = new ArrayList<>();
    private CpuProfile cpuProfile;

    // panel calls in flight (sum over the simulators), sampled every 5 ms
    private long panelSamples;
    private long panelInFlightSum;
    private long panelSamplesFull;
    // the app's database sessions, sampled every 50 ms
    private long dbSamples;
    private long dbOpenSum;
    private int dbOpenMax;
    private long dbActiveSum;
    private int dbActiveMax;
    private long dbLockWaitSum;
    private int dbLockWaitMax;
    private long dbIdleInTxSum;
    // request threads by activity, from thread dumps
    private final Map<String, Integer> threadStates = new TreeMap<>();
    private int dumps;

    private final long commitsBefore;
    private final long rollbacksBefore;
    private final long[] cpuBefore;
    private final long startedNanos = System.nanoTime();
    private long stoppedNanos;
    private long[] cpuAfter;
    private final ThreadCpu payaraThreadsBefore;
    private ThreadCpu payaraThreadsAfter;

    Diagnostics(BenchStack stack, List<NextPanelSimulator> panels, int panelSlots) throws SQLException {
        this.stack = stack;
        this.panels = panels;
        this.panelSlots = panelSlots;
        panels.forEach(NextPanelSimulator::resetMaxConcurrent); // the setup's own calls are not the run's
        this.db = stack.statsDb();
        db.setAutoCommit(true);
        if (statementsWanted()) {
            SqlStatements.reset(db);
        }
        long[] xacts = transactions();
        commitsBefore = xacts[0];
        rollbacksBefore = xacts[1];
        cpuBefore = cpu();
        payaraThreadsBefore = ThreadCpu.of(stack.payaraPid());
        start("bench-panel-sampler", this::samplePanels);
        start("bench-db-sampler", this::sampleDb);
        if (profiling()) {
            start("bench-thread-dumps", this::sampleThreads);
            cpuProfile = CpuProfile.start(stack.payaraPid(), stack.work());
        }
    }

    private void start(String name, Runnable loop) {
        Thread t = new Thread(loop, name);
        t.setDaemon(true);
        t.start();
        samplers.add(t);
    }

    private void samplePanels() {
        while (running) {
            int inFlight = panels.stream().mapToInt(NextPanelSimulator::inFlight).sum();
            synchronized (this) {
                panelSamples++;
                panelInFlightSum += inFlight;
                panelSamplesFull += inFlight >= panelSlots ? 1 : 0;
            }
            sleep(5);
        }
    }

    private void sampleDb() {
        String sql = "SELECT count(*), count(*) FILTER (WHERE state = 'active'),"
                + " count(*) FILTER (WHERE wait_event_type = 'Lock'),"
                + " count(*) FILTER (WHERE state = 'idle in transaction')"
                + " FROM pg_stat_activity WHERE datname = 'billing' AND pid <> pg_backend_pid()";
        try (Statement s = db.createStatement()) {
            while (running) {
                try (ResultSet rs = s.executeQuery(sql)) {
                    rs.next();
                    synchronized (this) {
                        dbSamples++;
                        dbOpenSum += rs.getInt(1);
                        dbOpenMax = Math.max(dbOpenMax, rs.getInt(1));
                        dbActiveSum += rs.getInt(2);
                        dbActiveMax = Math.max(dbActiveMax, rs.getInt(2));
                        dbLockWaitSum += rs.getInt(3);
                        dbLockWaitMax = Math.max(dbLockWaitMax, rs.getInt(3));
                        dbIdleInTxSum += rs.getInt(4);
                    }
                }
                sleep(50);
            }
        } catch (SQLException e) {
            Report.info("database sampler stopped: " + e.getMessage());
        }
    }

    /** A thread dump of Payara every ~0.5 s; each request thread counted by what it is doing. */
    private void sampleThreads() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        while (running) {
            try {
                Process p = new ProcessBuilder(jcmd.toString(), Long.toString(stack.payaraPid()), "Thread.print")
                        .redirectErrorStream(true).start();
                String dump = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                p.waitFor(10, TimeUnit.SECONDS);
                if (Boolean.getBoolean("bench.keep")) {
                    Files.writeString(stack.work().resolve("threads-" + (dumps + 1) + ".txt"), dump);
                }
                Map<String, Integer> states = ThreadStates.classify(dump);
                synchronized (this) {
                    if (running) {
                        dumps++;
                        states.forEach((k, v) -> threadStates.merge(k, v, Integer::sum));
                    }
                }
            } catch (IOException e) {
                Report.info("thread dumps stopped: " + e.getMessage());
                return;
            } catch (InterruptedException e) {
                return;
            }
            sleep(500);
        }
    }

    /** Stops sampling at the end of the load; the figures stay readable until close. */
    void stop() {
        if (!running) {
            return;
        }
        stoppedNanos = System.nanoTime();
        cpuAfter = cpu();
        payaraThreadsAfter = ThreadCpu.of(stack.payaraPid());
        running = false;
        if (cpuProfile != null) {
            cpuProfile.stop();
        }
        for (Thread t : samplers) {
            try {
                t.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
        try {
            db.close();
        } catch (SQLException e) {
            // the database goes with the stack anyway
        }
    }

    /** CPU seconds Payara and PostgreSQL spent from the start to {@link #stop} (background timers included). */
    double appCpuSeconds() {
        stop();
        return ((cpuAfter[2] - cpuBefore[2]) + (cpuAfter[3] - cpuBefore[3])) / (double) CLK_TCK;
    }

    /** Prints what was seen, per request where that helps. */
    void print(int requests) throws SQLException, InterruptedException {
        stop();
        double seconds = (stoppedNanos - startedNanos) / 1e9;
        synchronized (this) {
            Report.info(String.format("panels: on average %.1f of %d panel call slots busy (%.0f %%); all %d busy in %.0f %% of the samples;"
                            + " most concurrent calls seen by one panel: %s",
                    avg(panelInFlightSum, panelSamples), panelSlots, 100 * avg(panelInFlightSum, panelSamples) / panelSlots,
                    panelSlots, 100.0 * panelSamplesFull / Math.max(1, panelSamples),
                    panels.stream().map(p -> Integer.toString(p.maxConcurrent())).collect(Collectors.joining(", "))));
            Report.info(String.format("database sessions of the app: open avg %.1f / max %d (pool max 40); active avg %.1f / max %d;"
                            + " waiting on a lock avg %.1f / max %d; idle in transaction avg %.1f",
                    avg(dbOpenSum, dbSamples), dbOpenMax, avg(dbActiveSum, dbSamples), dbActiveMax,
                    avg(dbLockWaitSum, dbSamples), dbLockWaitMax, avg(dbIdleInTxSum, dbSamples)));
        }
        Thread.sleep(1_000); // PostgreSQL 14 publishes transaction counts up to 0.5 s late
        long[] xacts = transactions();
        Report.info(String.format("database: %.1f commits and %.2f rollbacks per request (%d requests; background timers included)",
                (xacts[0] - commitsBefore) / (double) requests, (xacts[1] - rollbacksBefore) / (double) requests, requests));
        Report.info(String.format("CPU over %.1f s on %d cores: machine %.0f %% busy; Payara %.2f cores, PostgreSQL %.2f, this JVM"
                        + " (clients + simulators) %.2f, everything else %.2f",
                seconds, Runtime.getRuntime().availableProcessors(),
                100.0 * (cpuAfter[0] - cpuBefore[0]) / Math.max(1, cpuAfter[1] - cpuBefore[1]),
                cores(cpuAfter[2] - cpuBefore[2], seconds), cores(cpuAfter[3] - cpuBefore[3], seconds),
                cores(cpuAfter[4] - cpuBefore[4], seconds),
                cores((cpuAfter[0] - cpuBefore[0]) - (cpuAfter[2] - cpuBefore[2]) - (cpuAfter[3] - cpuBefore[3])
                        - (cpuAfter[4] - cpuBefore[4]), seconds)));
        Report.info("Payara's CPU by thread group: " + ThreadCpu.coresBetween(payaraThreadsBefore, payaraThreadsAfter,
                seconds, CLK_TCK).entrySet().stream().map(e -> String.format("%s %.2f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", ")) + " cores");
        if (statementsWanted()) {
            SqlStatements.print(db, requests, 25);
        }
        if (profiling()) {
            printThreadStates();
            cpuProfile.print();
        }
    }

    private synchronized void printThreadStates() {
        int total = threadStates.values().stream().mapToInt(Integer::intValue).sum();
        Report.info(String.format("Payara request threads (http-thread-pool) in %d thread dumps, by activity"
                + " (average threads per dump):", dumps));
        List<Map.Entry<String, Integer>> sorted = threadStates.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).toList();
        int shown = Math.min(sorted.size(), 16);
        sorted.subList(0, shown).forEach(e -> Report.info(String.format("  %5.1f  %4.0f %%  %s",
                e.getValue() / (double) Math.max(1, dumps), 100.0 * e.getValue() / Math.max(1, total), e.getKey())));
        int rest = sorted.subList(shown, sorted.size()).stream().mapToInt(Map.Entry::getValue).sum();
        if (rest > 0) {
            Report.info(String.format("  %5.1f  %4.0f %%  %d other activities, each rarer", rest / (double) Math.max(1, dumps),
                    100.0 * rest / Math.max(1, total), sorted.size() - shown));
        }
    }

    private long[] transactions() throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT xact_commit, xact_rollback FROM pg_stat_database WHERE datname = 'billing'")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    /** Ticks: machine busy, machine total (all cores), Payara, PostgreSQL (postmaster and its backends), this JVM. */
    private long[] cpu() {
        long busy = 0;
        long total = 0;
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            for (int i = 1; i < f.length && i <= 8; i++) {
                long v = Long.parseLong(f[i]);
                total += v;
                busy += (i == 4 || i == 5) ? 0 : v; // idle, iowait
            }
        } catch (IOException | RuntimeException e) {
            // no /proc: the machine figures stay 0
        }
        long payara = ticks(ProcessHandle.of(stack.payaraPid()));
        long postgres = postmaster().map(pm -> ticks(Optional.of(pm))
                + pm.descendants().mapToLong(d -> ticks(Optional.of(d))).sum()).orElse(0L);
        long self = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() * CLK_TCK / 1_000_000_000L;
        return new long[] {busy, total, payara, postgres, self};
    }

    private Optional<ProcessHandle> postmaster() {
        try {
            long pid = Long.parseLong(Files.readString(stack.work().resolve("postgres.pid")).trim());
            return ProcessHandle.of(pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static long ticks(Optional<ProcessHandle> process) {
        return process.flatMap(p -> p.info().totalCpuDuration()).map(d -> d.toMillis() * CLK_TCK / 1000).orElse(0L);
    }

    private static double cores(long ticks, double seconds) {
        return ticks / (double) CLK_TCK / seconds;
    }

    private static double avg(long sum, long n) {
        return n == 0 ? 0 : sum / (double) n;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
