package com.nextpanel.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code bench/run p1|p2|p2r|p3|p4|p5|p6|p7|all}: runs the named benchmarks one after the other, each on its own
 * throwaway stack, and exits non-zero when one of them fails (bench/README.md).
 */
public final class Bench {

    interface Benchmark {
        void run(Report report) throws Exception;
    }

    private static final Map<String, Benchmark> BENCHMARKS = new LinkedHashMap<>();

    static {
        BENCHMARKS.put("p1", new P1FleetStatus());
        BENCHMARKS.put("p2", new P2ProvisioningThroughput());
        BENCHMARKS.put("p2r", new P2RSlowPanels());
        BENCHMARKS.put("p3", new P3OverdueSweep());
        BENCHMARKS.put("p4", new P4ConcurrentProvisioning());
        BENCHMARKS.put("p5", new P5DemoStart());
        BENCHMARKS.put("p6", new P6BigHostScale());
        BENCHMARKS.put("p7", new P7Checkout());
    }

    private Bench() {
    }

    public static void main(String[] args) {
        String which = args.length == 0 ? "" : args[0].trim().toLowerCase();
        List<String> ids = which.equals("all") ? List.copyOf(BENCHMARKS.keySet()) : List.of(which);
        if (!BENCHMARKS.keySet().containsAll(ids)) {
            System.err.println("usage: bench/run p1|p2|p2r|p3|p4|p5|p6|p7|all   (got '" + which + "')");
            System.exit(2);
        }
        preload("com.nextpanel.bench", "com.nextpanel.simulator", "com.nextpanel.stripe");
        List<String> verdicts = new ArrayList<>();
        boolean allPassed = true;
        for (String id : ids) {
            Report report = new Report(id.toUpperCase());
            long started = System.nanoTime();
            try {
                BENCHMARKS.get(id).run(report);
            } catch (Exception | AssertionError e) {
                if (BenchStack.stoppedBySignal()) {
                    report.fail("stopped by a signal before the end");
                    report.line(report.verdict());
                    allPassed = false;
                    break;
                }
                e.printStackTrace();
                String message = e.getMessage() == null ? e.toString() : e.getMessage();
                report.fail("did not complete: " + message.lines().findFirst().orElse(""));
            }
            Report.info(String.format("%s took %.0f s in all", report.id(), (System.nanoTime() - started) / 1e9));
            report.line(report.verdict());
            verdicts.add(report.verdict());
            allPassed &= report.passed();
        }
        if (ids.size() > 1) {
            System.out.println();
            verdicts.forEach(v -> System.out.println("  " + v));
        }
        // exec:java runs in Maven's JVM: exit with the verdict (and past the simulators' threads).
        System.exit(allPassed ? 0 : 1);
    }

    /**
     * Loads every class of these packages now. They live in target/test-classes, which other
     * engineers' Maven builds in the same tree recompile (and empty) at any time: a class first
     * needed minutes into a run would otherwise be gone (NoClassDefFoundError).
     */
    private static void preload(String... packages) {
        ClassLoader loader = Bench.class.getClassLoader();
        for (String pkg : packages) {
            URL url = loader.getResource(pkg.replace('.', '/'));
            try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String simple = file.getFileName().toString().replaceFirst("\\.class$", "");
                    Class.forName(pkg + "." + simple, false, loader);
                }
            } catch (IOException | URISyntaxException | ClassNotFoundException | NullPointerException e) {
                System.err.println("[bench] could not load the classes of " + pkg + " (" + e + "): another build is"
                        + " probably rewriting target/test-classes right now; run again");
                System.exit(1);
            }
        }
    }
}
