package com.nextpanel.bench;

import com.nextpanel.launch.FreePorts;
import com.nextpanel.launch.PayaraProcess;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * P5: the README's demo start, {@code mvn -q -Pserve -Ddemo}, on a warm ~/.m2 and a fresh data
 * folder: seconds from the command to its "ready" banner, and the lines it printed by then.
 * Beside it, in the same run, a bare Payara Micro start (no app) from its command to its own
 * "ready" line: the part of the time that is Payara's alone.
 */
final class P5DemoStart implements Bench.Benchmark {

    private static final int ROUNDS = 3;
    private static final double LIMIT_SECONDS = 12;
    private static final int LINES_LIMIT = 30;
    private static final int[] DEMO_PANEL_PORTS = {9001, 9002, 9003};

    private final Path projectDir = Path.of(System.getProperty("bench.basedir", ".")).toAbsolutePath().normalize();

    @Override
    public void run(Report report) throws Exception {
        for (int port : DEMO_PANEL_PORTS) {
            if (!FreePorts.isFree(port)) {
                throw new IllegalStateException("port " + port + " is taken: P5 starts the demo's simulated panels there"
                        + " (stop a running `mvn -Pserve -Ddemo` first)");
            }
        }
        double[] demo = new double[ROUNDS];
        double[] bare = new double[ROUNDS];
        int lines = 0;
        for (int round = 0; round < ROUNDS; round++) { // interleaved, so that a slow moment hits both
            bare[round] = bareStart();
            Start start = demoStart();
            demo[round] = start.seconds();
            lines = Math.max(lines, start.lines());
            Report.info(String.format("round %d: demo start %.1f s (%d lines), bare Payara Micro %.1f s",
                    round + 1, demo[round], start.lines(), bare[round]));
        }
        double demoMedian = Report.percentile(demo, 50);
        double bareMedian = Report.percentile(bare, 50);
        report.atMost("demo start, command to ready (median of " + ROUNDS + ")", String.format("%.1f s", demoMedian),
                demoMedian, LIMIT_SECONDS, LIMIT_SECONDS + " s", "the demo start takes longer than 12 s");
        report.line(String.format("%s bare Payara Micro start (median): %.1f s — the demo start takes %.2f× as long",
                report.id(), bareMedian, demoMedian / bareMedian));
        report.atMost("lines printed until ready (most of " + ROUNDS + ")", Integer.toString(lines), lines,
                LINES_LIMIT, Integer.toString(LINES_LIMIT), "the demo start prints more than the banner and errors");
    }

    private record Start(double seconds, int lines) {
    }

    /** The README's command, in a fresh data folder on free ports; stopped with SIGTERM as Ctrl-C would. */
    private Start demoStart() throws Exception {
        Path data = Files.createTempDirectory("nextpanel-bench-p5-");
        List<String> command = List.of("mvn", "-q", "-Pserve", "-Ddemo",
                "-Dserve.data=" + data, "-Dserve.port=" + FreePorts.any(),
                "-Dserve.pgPort=" + FreePorts.any(), "-Dserve.smtpPort=" + FreePorts.any());
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(projectDir.toFile());
            builder.environment().remove("MAVEN_OPTS"); // bench/run's JIT setting is not a newcomer's
            return timeUntil(builder, "Ctrl-C stops all of it"); // the banner's last line
        } finally {
            BenchStack.deleteTree(data);
        }
    }

    /** The dev start's Payara command without the app and its memory settings: Payara's own boot. */
    private double bareStart() throws Exception {
        List<String> command = PayaraProcess.builder(null, FreePorts.any()).jvmOptions(PayaraProcess.QUICK_BOOT).command();
        return timeUntil(new ProcessBuilder(command), "ready in").seconds();
    }

    /** Starts the command and reads its output until a line contains {@code ready}; then stops it. */
    private static Start timeUntil(ProcessBuilder builder, String ready) throws Exception {
        long started = System.nanoTime();
        Process process = builder.redirectErrorStream(true).start();
        List<String> printed = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                printed.add(line);
                if (line.contains(ready)) {
                    return new Start((System.nanoTime() - started) / 1e9, printed.size());
                }
            }
            throw new IllegalStateException("ended before it was ready:\n" + String.join("\n", printed));
        } finally {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
