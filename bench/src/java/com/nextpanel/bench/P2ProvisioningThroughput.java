package com.nextpanel.bench;

import com.nextpanel.simulator.NextPanelSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * P2, provisioning throughput: 1,000 accounts over 3 panels that answer in 50 ms, from 48
 * concurrent clients. The floor is what the panels allow: N × latency / (panels × per-panel
 * concurrency) = 1000 × 50 ms / (3 × 4) = 4.17 s. Goals: ≥ 150 accounts/s and ≤ 1.5 × the floor;
 * at most 10 ms of Payara's and PostgreSQL's CPU per provision; every request 200 and exactly
 * 1,000 accounts on the panels. The app's resident memory after
 * the run stays ≤ 512 MB; with bench.p2.rounds=N the run is repeated N times on the same node,
 * and the memory after each round is printed, to show that it stops growing.
 */
final class P2ProvisioningThroughput implements Bench.Benchmark {

    private static final int PANELS = 3;
    private static final int CAPACITY = 1_000_000; // never binds
    private static final double GOAL_PER_SECOND = 150;
    private static final double CPU_MS_PER_PROVISION = 10;
    private static final double MAX_RATIO = 1.5;
    private static final double RSS_LIMIT_MB = 512;

    @Override
    public void run(Report report) throws Exception {
        int accounts = Integer.getInteger("bench.accounts", 1000);
        int clients = Integer.getInteger("bench.clients", 48);
        int warmup = Integer.getInteger("bench.warmup", 3000);
        int concurrency = Integer.getInteger("bench.panelConcurrency", 4);
        Duration latency = Duration.ofMillis(Long.getLong("bench.latencyMs", 50));
        int rounds = Integer.getInteger("bench.p2.rounds", 1);
        try (BenchStack stack = new BenchStack("P2").config("panel.max-concurrent-calls", concurrency)) {
            stack.start();
            Report.info(String.format("%d accounts, %d client threads, %d panels answering in %d ms, panel.max-concurrent-calls=%s",
                    accounts, clients, PANELS, latency.toMillis(), stack.configValue("panel.max-concurrent-calls")));

            if (warmup > 0) {
                warmUp(stack, warmup, clients, latency);
            }

            List<NextPanelSimulator> panels = new ArrayList<>();
            for (int i = 1; i <= PANELS; i++) {
                NextPanelSimulator sim = stack.simulator(latency);
                stack.api().register("Panel " + i, sim, CAPACITY);
                panels.add(sim);
            }
            Load.Result run;
            try (Diagnostics diagnostics = new Diagnostics(stack, panels, PANELS * concurrency)) {
                run = Load.provision(stack, "load", accounts, clients);
                diagnostics.stop();
                printResults(report, run, panels, accounts, latency, concurrency);
                double cpuMs = 1000 * diagnostics.appCpuSeconds() / Math.max(1, run.count(200));
                report.atMost("CPU per provision", String.format("%.1f ms of Payara and PostgreSQL (timers included)", cpuMs),
                        cpuMs, CPU_MS_PER_PROVISION, String.format("%.0f ms", CPU_MS_PER_PROVISION),
                        String.format("a provision costs %.1f ms of CPU", cpuMs));
                diagnostics.print(accounts);
            }
            List<Double> rssMb = new ArrayList<>(List.of(stack.payaraRssKb() / 1024.0));
            for (int round = 2; round <= rounds; round++) {
                Load.Result again = Load.provision(stack, "r" + round + "load", accounts, clients);
                rssMb.add(stack.payaraRssKb() / 1024.0);
                int onPanels = panels.stream().mapToInt(NextPanelSimulator::accountCount).sum();
                Report.info(String.format("round %d: %d accounts in %.2f s = %.1f accounts/s (%s), %d on the panels;"
                                + " app RSS %.0f MB", round, again.count(200), again.seconds(),
                        again.count(200) / again.seconds(), again.statusSummary(), onPanels, rssMb.get(round - 1)));
                if (onPanels != round * accounts) {
                    report.fail("round " + round + ": the panels hold " + onPanels + " accounts, not " + round * accounts);
                }
            }
            printMemory(report, rssMb, stack.payaraJvmOptions());
        }
    }

    /** Resident memory of Payara's JVM after each round (VmRSS): heap, metaspace, code, thread stacks, native. */
    private static void printMemory(Report report, List<Double> rssMb, String jvmOptions) {
        double last = rssMb.get(rssMb.size() - 1);
        String each = rssMb.stream().map(mb -> String.format("%.0f", mb)).collect(Collectors.joining(", "));
        report.atMost("app RSS", String.format("%.0f MB after %d round%s (%s MB; %s)", last, rssMb.size(),
                        rssMb.size() == 1 ? "" : "s", each, jvmOptions.isEmpty() ? "the JVM's default memory settings" : jvmOptions),
                last, RSS_LIMIT_MB, String.format("%.0f MB", RSS_LIMIT_MB),
                String.format("the app's RSS is %.0f MB", last));
        if (rssMb.size() >= 3) {
            // from round 2 on: the first round is still sizing the heap
            double growth = (last - rssMb.get(1)) / rssMb.get(1);
            report.check("app RSS growth", String.format("%+.1f %% from round 2 to round %d — goal ≤ +5 %%", growth * 100,
                    rssMb.size()), growth <= 0.05, String.format("the app's RSS grew %.1f %%", growth * 100));
        }
    }

    /** JIT and pools warm: the same load on three other panels, deactivated afterwards. */
    static void warmUp(BenchStack stack, int n, int clients, Duration latency) throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 1; i <= PANELS; i++) {
            ids.add(stack.api().register("Warm-up panel " + i, stack.simulator(latency), CAPACITY));
        }
        Load.Result run = Load.provision(stack, "warm", n, clients);
        for (long id : ids) {
            stack.api().deactivate(id);
        }
        Report.info(String.format("warm-up: %d provisions on 3 other panels in %.2f s (%s), then those panels deactivated;"
                + " not counted", n, run.seconds(), run.statusSummary()));
    }

    private static void printResults(Report report, Load.Result run, List<NextPanelSimulator> panels, int accounts,
                                     Duration latency, int concurrency) {
        double seconds = run.seconds();
        int created = run.count(200);
        double perSecond = created / seconds;
        report.atLeast("throughput", String.format("%d accounts in %.2f s = %.1f accounts/s", created, seconds, perSecond),
                perSecond, GOAL_PER_SECOND, String.format("≥ %.0f accounts/s", GOAL_PER_SECOND),
                String.format("%.1f accounts/s < %.0f", perSecond, GOAL_PER_SECOND));

        if (latency.isZero()) {
            report.line("P2 elapsed: " + String.format("%.2f s", seconds) + " — no panel-bound limit at latency 0 (comparison run)");
        } else {
            double limit = accounts * (latency.toMillis() / 1000.0) / (PANELS * concurrency);
            double ratio = seconds / limit;
            boolean pass = ratio <= MAX_RATIO;
            report.line(String.format("P2 elapsed: %.2f s — limit %.2f s (%d × %d ms / (%d panels × %d concurrent calls))"
                            + " — ratio %.2f, goal ≤ %.1f (%s)", seconds, limit, accounts, latency.toMillis(), PANELS,
                    concurrency, ratio, MAX_RATIO, pass ? "PASS" : "FAIL"));
            if (!pass) {
                report.fail(String.format("elapsed %.2f s is %.2f × the limit %.2f s (goal ≤ %.1f ×)", seconds, ratio, limit, MAX_RATIO));
            }
        }

        double[] ms = run.ms();
        Report.info(String.format("per request: median %.0f ms, p95 %.0f ms, max %.0f ms (a panel call alone: %d ms)",
                Report.percentile(ms, 50), Report.percentile(ms, 95), Report.max(ms), latency.toMillis()));
        report.check("answers", run.statusSummary(), created == accounts, (accounts - created) + " requests did not answer 200");
        run.notCreated().forEach((why, n) -> Report.info("  not created: " + n + " × " + why));

        int onPanels = panels.stream().mapToInt(NextPanelSimulator::accountCount).sum();
        report.check("accounts on the panels", String.format("%d (%s), expected %d", onPanels,
                        panels.stream().map(p -> Integer.toString(p.accountCount())).collect(Collectors.joining(" + ")), accounts),
                onPanels == accounts, "the panels hold " + onPanels + " accounts, not " + accounts);
    }
}
