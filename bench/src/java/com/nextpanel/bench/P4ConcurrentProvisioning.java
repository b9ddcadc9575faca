package com.nextpanel.bench;

import com.nextpanel.simulator.NextPanelSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * P4, capacity under concurrency: 200 provisions released at once into 50 free slots (two
 * servers with capacity 30 and 20) must create exactly 50 accounts on the panels — no overshoot,
 * and no slot left free while requests were refused. Repeated for a few rounds on fresh servers,
 * since a race shows itself only now and then.
 */
final class P4ConcurrentProvisioning implements Bench.Benchmark {

    private static final int[] CAPACITIES = {30, 20};
    private static final int REQUESTS = 200;

    @Override
    public void run(Report report) throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 3);
        Duration latency = Duration.ofMillis(Long.getLong("bench.p4.latencyMs", 20));
        int slots = 0;
        for (int c : CAPACITIES) {
            slots += c;
        }
        try (BenchStack stack = new BenchStack("P4")) {
            stack.start();
            Report.info(String.format("%d rounds: %d concurrent provisions (%d client threads) into %d free slots"
                    + " (servers of capacity 30 + 20, panels answering in %d ms)", rounds, REQUESTS, REQUESTS, slots, latency.toMillis()));
            List<Long> previous = new ArrayList<>();
            int totalOvershoot = 0;
            int totalCreated = 0;
            int totalOnPanels = 0;
            int totalRefused = 0;
            boolean allExact = true;
            for (int round = 1; round <= rounds; round++) {
                for (long id : previous) {
                    stack.api().deactivate(id); // each round sees only its own two servers
                }
                previous.clear();
                List<NextPanelSimulator> sims = new ArrayList<>();
                for (int i = 0; i < CAPACITIES.length; i++) {
                    NextPanelSimulator sim = stack.simulator(latency);
                    previous.add(stack.api().register("Round " + round + " server " + (char) ('A' + i), sim, CAPACITIES[i]));
                    sims.add(sim);
                }
                Load.Result run = Load.provision(stack, "r" + round + "c", REQUESTS, REQUESTS);

                int created = run.count(200);
                int refused = run.count(503);
                int onPanels = 0;
                int overshoot = 0;
                StringBuilder perServer = new StringBuilder();
                for (int i = 0; i < sims.size(); i++) {
                    int held = sims.get(i).accountCount();
                    int counted = stack.api().get("/api/v1/nextpanel/servers/" + previous.get(i)).json().getInt("current_accounts");
                    onPanels += held;
                    overshoot += Math.max(0, held - CAPACITIES[i]);
                    perServer.append(i == 0 ? "" : ", ").append(String.format("%c %d/%d (app counts %d)", 'A' + i, held,
                            CAPACITIES[i], counted));
                }
                boolean exact = created == slots && onPanels == slots && refused == REQUESTS - slots && overshoot == 0;
                report.line(String.format("P4 round %d: created %d, refused %d (503), other %d; accounts on the panels %d"
                                + " [%s]; overshoot %d (%s)", round, created, refused, REQUESTS - created - refused, onPanels,
                        perServer, overshoot, exact ? "PASS" : "FAIL"));
                run.notCreated().forEach((why, n) -> Report.info("  not created: " + n + " × " + why));
                Report.info(String.format("  round %d took %.2f s; per request median %.0f ms, max %.0f ms", round,
                        run.seconds(), Report.percentile(run.ms(), 50), Report.max(run.ms())));
                totalOvershoot += overshoot;
                totalCreated += created;
                totalOnPanels += onPanels;
                totalRefused += refused;
                allExact &= exact;
                if (!exact) {
                    report.fail(String.format("round %d: %d created, %d on the panels, %d refused, overshoot %d — expected %d, %d, %d, 0",
                            round, created, onPanels, refused, overshoot, slots, slots, REQUESTS - slots));
                }
            }
            report.line(String.format("P4 overshoot: %d over %d rounds (created %d, refused %d, on the panels %d; expected %d, %d, %d)"
                            + " — goal 0 (%s)", totalOvershoot, rounds, totalCreated, totalRefused, totalOnPanels,
                    rounds * slots, rounds * (REQUESTS - slots), rounds * slots, allExact ? "PASS" : "FAIL"));
        }
    }
}
