package com.nextpanel.bench;

import com.nextpanel.simulator.NextPanelSimulator;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * P1, fleet status: 30 registered servers of which 3 hang. The cached GET /servers/status must
 * answer in under 50 ms (p95); ?refresh=true probes every server in parallel and must answer
 * within one probe timeout + 0.5 s, however many servers hang (the Python original: 15.7 s).
 */
final class P1FleetStatus implements Bench.Benchmark {

    private static final int SERVERS = 30;
    private static final int HUNG_EVERY = 10; // servers 10, 20 and 30 hang
    private static final int WARMUP_CALLS = 100;
    private static final int CACHED_CALLS = 50;
    private static final int REFRESH_CALLS = 3;
    private static final double CACHED_LIMIT_MS = 50;
    private static final double REFRESH_SLACK_S = 0.5;
    private static final String STATUS = "/api/v1/nextpanel/servers/status";
    private static final String FLOOR = "/health/live";

    @Override
    public void run(Report report) throws Exception {
        long probeTimeoutMs = Long.getLong("bench.probeTimeoutMs", 2000);
        try (BenchStack stack = new BenchStack("P1").config("fleet.probe.timeout-ms", probeTimeoutMs)
                // every refresh measured must probe: no rate limit between the bench's own rounds
                .config("fleet.probe.manual-refresh-gap-ms", 0)) {
            stack.start();
            Set<String> hungIds = new HashSet<>();
            NextPanelSimulator[] sims = new NextPanelSimulator[SERVERS];
            for (int i = 1; i <= SERVERS; i++) {
                sims[i - 1] = stack.simulator(Duration.ZERO);
                long id = stack.api().register(String.format("Panel %02d", i), sims[i - 1], 100);
                if (i % HUNG_EVERY == 0) {
                    hungIds.add(Long.toString(id));
                }
            }
            for (int i = HUNG_EVERY; i <= SERVERS; i += HUNG_EVERY) {
                sims[i - 1].setHang(true); // after registering: the connection test needs an answer
            }
            Report.info(SERVERS + " servers registered; " + hungIds.size() + " of them now hang (no answer at all);"
                    + " probe timeout " + probeTimeoutMs + " ms");

            for (int i = 0; i < WARMUP_CALLS; i++) {
                timedStatus(stack, STATUS);
            }
            double warmRefresh = timedStatus(stack, STATUS + "?refresh=true") / 1000;
            Report.info(String.format("warm-up: %d cached calls, 1 refresh (%.2f s), not counted", WARMUP_CALLS, warmRefresh));

            if (Diagnostics.statementsWanted()) {
                SqlStatements.reset(stack);
            }
            double[] cached = new double[CACHED_CALLS];
            double[] floor = new double[CACHED_CALLS];
            for (int i = 0; i < CACHED_CALLS; i++) {
                cached[i] = timedStatus(stack, STATUS);
                floor[i] = timedStatus(stack, FLOOR); // interleaved: the same moments of machine noise
            }
            if (Diagnostics.statementsWanted()) {
                SqlStatements.print(stack, CACHED_CALLS, 6); // background probes included
            }
            double median = Report.percentile(cached, 50);
            double p95 = Report.percentile(cached, 95);
            report.atMost("cached status",
                    String.format("median %.1f ms, p95 %.1f ms, max %.1f ms (%d calls, one client)", median, p95,
                            Report.max(cached), CACHED_CALLS),
                    p95, CACHED_LIMIT_MS, String.format("%.0f ms", CACHED_LIMIT_MS),
                    String.format("cached status p95 %.1f ms > %.0f ms", p95, CACHED_LIMIT_MS));

            Report.info(String.format("same-run reference, GET %s interleaved (no auth, no database): median %.1f ms,"
                    + " p95 %.1f ms, max %.1f ms — what this machine adds to any call right now", FLOOR,
                    Report.percentile(floor, 50), Report.percentile(floor, 95), Report.max(floor)));

            double[] refresh = new double[REFRESH_CALLS];
            StringBuilder each = new StringBuilder();
            for (int i = 0; i < REFRESH_CALLS; i++) {
                refresh[i] = timedStatus(stack, STATUS + "?refresh=true") / 1000;
                each.append(i == 0 ? "" : ", ").append(String.format("%.2f", refresh[i]));
            }
            double worst = Report.max(refresh);
            double limit = probeTimeoutMs / 1000.0 + REFRESH_SLACK_S;
            report.atMost("refresh", String.format("%.2f s (worst of %d: %s s)", worst, REFRESH_CALLS, each),
                    worst, limit, String.format("%.2f s (probe timeout %.2f s + %.1f s)", limit, probeTimeoutMs / 1000.0,
                            REFRESH_SLACK_S),
                    String.format("refresh took %.2f s > %.2f s", worst, limit));

            checkProbeResults(stack, report, hungIds);
        }
    }

    /** The refreshed answer must show what the probes found: the hung servers failed, the others answered. */
    private static void checkProbeResults(BenchStack stack, Report report, Set<String> hungIds) throws Exception {
        AppApi.Reply reply = stack.api().get(STATUS);
        JsonArray rows = reply.array();
        int healthyOk = 0;
        int hungSeen = 0;
        for (JsonObject row : rows.getValuesAs(JsonObject.class)) {
            boolean hung = hungIds.contains(row.getString("server_id"));
            boolean failed = row.getInt("consecutive_failures") > 0 && !row.isNull("last_error");
            if (hung && failed) {
                hungSeen++;
            } else if (!hung && !failed && row.getBoolean("is_online")) {
                healthyOk++;
            }
        }
        int healthy = SERVERS - hungIds.size();
        report.check("probe results", String.format("%d servers listed; %d/%d answering servers online without error,"
                        + " %d/%d hung servers recorded as failing", rows.size(), healthyOk, healthy, hungSeen, hungIds.size()),
                rows.size() == SERVERS && healthyOk == healthy && hungSeen == hungIds.size(),
                "the status after refresh does not show what the probes found");
    }

    /** One GET, in milliseconds; anything but 200 with all servers listed stops the benchmark. */
    private static double timedStatus(BenchStack stack, String path) throws Exception {
        long started = System.nanoTime();
        AppApi.Reply reply = stack.api().get(path);
        double ms = Report.ms(System.nanoTime() - started);
        if (reply.status() != 200) {
            throw new IllegalStateException("GET " + path + ": HTTP " + reply.status() + " " + reply.shortBody());
        }
        return ms;
    }
}
