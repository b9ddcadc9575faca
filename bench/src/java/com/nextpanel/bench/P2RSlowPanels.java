package com.nextpanel.bench;

import com.nextpanel.simulator.NextPanelSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * P2R, provisioning against panels as slow as real ones: 300 accounts over 3 panels whose calls
 * take 1 s, each taking at most 4 at once (panel.max-concurrent-calls). The panels allow no more
 * than 300 × 1 s / (3 × 4) = 25 s; the goal is ≤ 1.05 × that, so that the app is never what
 * provisioning waits for. 48 clients keep every panel slot asked for.
 */
final class P2RSlowPanels implements Bench.Benchmark {

    private static final int PANELS = 3;
    private static final int CAPACITY = 1_000_000; // never binds
    private static final double MAX_RATIO = 1.05;

    @Override
    public void run(Report report) throws Exception {
        int accounts = Integer.getInteger("bench.accounts", 300);
        int clients = Integer.getInteger("bench.clients", 48);
        int warmup = Integer.getInteger("bench.warmup", 1000);
        int concurrency = 4;
        Duration latency = Duration.ofMillis(Long.getLong("bench.latencyMs", 1000));
        try (BenchStack stack = new BenchStack("P2R").config("panel.max-concurrent-calls", concurrency)) {
            stack.start();
            Report.info(String.format("%d accounts, %d client threads, %d panels answering in %d ms, %d calls at once each",
                    accounts, clients, PANELS, latency.toMillis(), concurrency));
            if (warmup > 0) {
                P2ProvisioningThroughput.warmUp(stack, warmup, clients, Duration.ofMillis(20)); // fast panels
            }
            List<NextPanelSimulator> panels = new ArrayList<>();
            for (int i = 1; i <= PANELS; i++) {
                NextPanelSimulator sim = stack.simulator(latency);
                stack.api().register("Slow panel " + i, sim, CAPACITY);
                panels.add(sim);
            }
            Load.Result run = Load.provision(stack, "slow", accounts, clients);
            double limit = accounts * (latency.toMillis() / 1000.0) / (PANELS * concurrency);
            double allowed = MAX_RATIO * limit;
            report.atMost("elapsed", String.format("%d accounts in %.2f s = %.2f × the panels' limit of %.2f s"
                            + " (%d × %d ms / (%d panels × %d calls))", run.count(200), run.seconds(), run.seconds() / limit,
                    limit, accounts, latency.toMillis(), PANELS, concurrency), run.seconds(), allowed,
                    String.format("%.2f s (%.2f × the panels' limit)", allowed, MAX_RATIO),
                    String.format("%.2f s is %.2f × what the panels allow", run.seconds(), run.seconds() / limit));
            report.check("answers", run.statusSummary(), run.count(200) == accounts,
                    (accounts - run.count(200)) + " requests did not answer 200");
            int onPanels = panels.stream().mapToInt(NextPanelSimulator::accountCount).sum();
            report.check("accounts on the panels", onPanels + ", expected " + accounts, onPanels == accounts,
                    "the panels hold " + onPanels + " accounts, not " + accounts);
        }
    }
}
