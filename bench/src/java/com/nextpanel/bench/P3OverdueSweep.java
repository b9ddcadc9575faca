package com.nextpanel.bench;

import com.nextpanel.simulator.NextPanelSimulator;
import jakarta.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * P3, the overdue sweep: 10,000 services overdue on 3 panels answering in 20 ms. One automation
 * run queues a suspension per service; the job workers suspend them on the panels. Measured: from
 * the run until the last job is done. Limit: N × latency / (panels × per-panel concurrency), the
 * time the panels alone need at the configured concurrency. Goal: ≤ 40 s.
 * <p>
 * The services are arranged with SQL (10,000 orders through the API would take longer than the
 * sweep) and their accounts are created on the simulators beforehand, so that the run meets real
 * panel accounts. First, unless bench.p3.warmup=0, a sweep of 2,000 services on 3 other panels
 * warms the freshly started node up (its time is printed, not counted), as P2's warm-up does.
 */
final class P3OverdueSweep implements Bench.Benchmark {

    /** Each attempt is recorded in its own transaction; the sweep of 10,000 must still end within this. */
    private static final double GOAL_SECONDS = 40;

    @Override
    public void run(Report report) throws Exception {
        int services = Integer.getInteger("bench.p3.services", 10_000);
        int panels = 3;
        Duration latency = Duration.ofMillis(Long.getLong("bench.p3.latencyMs", 20));
        int concurrency = Integer.getInteger("bench.concurrency", 4);
        try (BenchStack stack = new BenchStack("P3")
                .config("panel.max-concurrent-calls", concurrency)
                .config("billing.automation.enabled", false)) {
            stack.start();
            int warmup = Integer.getInteger("bench.p3.warmup", 2_000);
            Panels measured = registerPanels(stack, "Sweep panel ", panels, services);
            Panels warm = registerPanels(stack, "Warm-up panel ", warmup > 0 ? panels : 0, warmup);
            List<NextPanelSimulator> sims = measured.sims();
            Report.info(String.format("creating %,d accounts on %d simulators…", services + warmup,
                    sims.size() + warm.sims().size()));
            createOnPanels(sims, "sweep", services);
            createOnPanels(warm.sims(), "warm", warmup);
            try (Connection db = appDb(stack)) {
                arrange(db, "sweep", measured.serverIds(), services, panels, warmup == 0);
                if (warmup > 0) {
                    arrange(db, "warm", warm.serverIds(), warmup, panels, true);
                }
                analyze(db);
            }
            if (warmup > 0) {
                warm.sims().forEach(sim -> sim.setLatency(latency));
                warmUp(stack, warmup);
            }
            sims.forEach(sim -> sim.setLatency(latency));
            Report.info(String.format("%,d active services, each with an invoice 10 days overdue, on %d panels answering"
                    + " in %d ms; per-panel concurrency %d", services, panels, latency.toMillis(), concurrency));

            Diagnostics diagnostics = new Diagnostics(stack, sims, panels * concurrency);
            long started = System.nanoTime();
            var run = stack.api().post("/api/v1/automation/run", null);
            if (run.status() != 200) {
                throw new IllegalStateException("automation run answered " + run.status() + ": " + run.body());
            }
            double queuedAfter = (System.nanoTime() - started) / 1e9;
            int queued = run.json().getInt("suspended");
            try (Connection db = appDb(stack)) {
                waitForOpenJobs(db, "kind = 'SUSPEND'");
                double elapsed = (System.nanoTime() - started) / 1e9;
                diagnostics.stop();
                long done = count(db, "SELECT count(*) FROM panel_job WHERE kind = 'SUSPEND' AND status = 'done'") - warmup;
                long suspendedOnPanels = sims.stream().flatMap(s -> s.accounts().stream())
                        .filter(a -> a.status().equals("suspended")).count();
                double limit = services * latency.toMillis() / 1000.0 / (panels * concurrency);
                double ratio = elapsed / limit;
                report.line(String.format("P3 sweep: %,d suspensions queued in %.2f s, all done in %.2f s (%.0f/s);"
                        + " jobs done %,d, suspended on the panels %,d", queued, queuedAfter, elapsed, done / elapsed, done,
                        suspendedOnPanels));
                report.atMost("sweep", String.format("%.2f s, %.2f × what the panels allow (%,d × %d ms / (%d panels × %d)"
                                + " = %.2f s)", elapsed, ratio, services, latency.toMillis(), panels, concurrency, limit),
                        elapsed, GOAL_SECONDS, String.format("%.0f s", GOAL_SECONDS),
                        String.format("the sweep took %.1f s, over %.0f s", elapsed, GOAL_SECONDS));
                diagnostics.print(services); // "per request" here means per suspension
                diagnostics.close();
                if (queued != services || done != services || suspendedOnPanels != services) {
                    report.fail(String.format("expected %,d suspensions, queued %,d, done %,d, on the panels %,d",
                            services, queued, done, suspendedOnPanels));
                }
            }
        }
    }

    /** Simulators registered as servers: simulator i is server serverIds[i]. */
    private record Panels(List<NextPanelSimulator> sims, List<Long> serverIds) {
    }

    private static Panels registerPanels(BenchStack stack, String name, int panels, int capacity) throws Exception {
        Panels registered = new Panels(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < panels; i++) {
            NextPanelSimulator sim = stack.simulator(Duration.ZERO);
            registered.serverIds().add(stack.api().register(name + i, sim, capacity));
            registered.sims().add(sim);
        }
        return registered;
    }

    /**
     * Sweeps the warm-up services (on panels of their own), not counted, so that the measured
     * sweep runs on a node whose JIT has compiled the sweep's code, as a node in service has;
     * then makes the measured services overdue. Its time is printed: it is the cold figure.
     */
    private static void warmUp(BenchStack stack, int warmup) throws Exception {
        long started = System.nanoTime();
        var run = stack.api().post("/api/v1/automation/run", null);
        if (run.status() != 200 || run.json().getInt("suspended") != warmup) {
            throw new IllegalStateException("warm-up automation run answered " + run.status() + ": " + run.body());
        }
        try (Connection db = appDb(stack)) {
            waitForOpenJobs(db, "kind = 'SUSPEND'");
            double elapsed = (System.nanoTime() - started) / 1e9;
            if (count(db, "SELECT count(*) FROM panel_job WHERE kind = 'SUSPEND' AND status = 'done'") != warmup) {
                throw new IllegalStateException("the warm-up sweep did not finish");
            }
            Report.info(String.format("warm-up: %,d suspensions on 3 other panels in %.2f s (%.0f/s) on the freshly"
                    + " started node; not counted", warmup, elapsed, warmup / elapsed));
            // Its suspension emails are jobs of the same queue, older than the measured sweep's: sent
            // first, they would be measured with it.
            long emails = System.nanoTime();
            waitForOpenJobs(db, "kind = 'SEND_EMAIL'");
            Report.info(String.format("warm-up: its %,d suspension emails sent %.2f s later", warmup,
                    (System.nanoTime() - emails) / 1e9));
            try (Statement s = db.createStatement()) {
                s.execute("UPDATE invoice SET due_date = current_date - 10 WHERE number LIKE 'SWEEP-%'");
                s.execute("UPDATE service s SET next_due_date = current_date - 10 FROM hosting_account a"
                        + " WHERE a.id = s.account_id AND a.username LIKE 'sweep%'");
            }
        }
    }

    /** Until no job of {@code which} is pending or in progress, for at most 3 minutes. */
    private static void waitForOpenJobs(Connection db, String which) throws Exception {
        long started = System.nanoTime();
        long open;
        do {
            Thread.sleep(100); // polling the database for the end, not timing anything by it
            // EXISTS on the open jobs' partial indexes: a count(*) over every job took PostgreSQL
            // about 5 ms, every 100 ms, from the sweep it measures
            open = count(db, "SELECT count(*) FROM (SELECT 1 FROM panel_job WHERE status = 'pending' AND " + which
                    + " UNION ALL SELECT 1 FROM panel_job WHERE status = 'in_progress' AND " + which + " LIMIT 1) open");
        } while (open > 0 && System.nanoTime() - started < Duration.ofMinutes(3).toNanos());
    }

    /** Accounts 1..n/panels on each simulator (the simulator numbers them from 1). */
    private static void createOnPanels(List<NextPanelSimulator> sims, String prefix, int services) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Integer>> created = new ArrayList<>();
        for (int i = 0; i < services; i++) {
            NextPanelSimulator sim = sims.get(i % sims.size());
            String username = prefix + i;
            created.add(pool.submit(() -> http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl()
                                    + "/api/v1/billing/accounts"))
                            .header("Content-Type", "application/json")
                            .header("X-API-Key", sim.apiKey()).header("X-API-Secret", sim.apiSecret())
                            .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("username", username)
                                    .add("email", username + "@example.com").add("password", "Sweep-Pass-123").build()
                                    .toString())).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()));
        }
        for (Future<Integer> status : created) {
            if (status.get() != 201) {
                throw new IllegalStateException("a simulator refused an account: HTTP " + status.get());
            }
        }
        pool.shutdown();
    }

    /**
     * Service i of {@code prefix} lives on panel i % panels as panel user i / panels + 1, with one
     * invoice 10 days overdue ({@code overdue}), or due in 20 days until the warm-up is over.
     */
    private static void arrange(Connection db, String prefix, List<Long> serverIds, int services, int panels,
            boolean overdue) throws Exception {
        String servers = "ARRAY[" + String.join(",", serverIds.stream().map(String::valueOf).toList()) + "]::bigint[]";
        String due = overdue ? "current_date - 10" : "current_date + 20";
        String last = String.valueOf(services - 1);
        try (Statement s = db.createStatement()) {
            s.execute("INSERT INTO customer (email, full_name, created_at) SELECT 'sweep@example.com', 'Sweep', now()"
                    + " WHERE NOT EXISTS (SELECT 1 FROM customer WHERE email = 'sweep@example.com')");
            s.execute("INSERT INTO plan (name, price, currency, billing_cycle, package_id, created_at)"
                    + " SELECT 'Sweep', 1.00, 'USD', 'monthly', 1, now() WHERE NOT EXISTS (SELECT 1 FROM plan WHERE name = 'Sweep')");
            String customer = "(SELECT id FROM customer WHERE email = 'sweep@example.com')";
            String plan = "(SELECT id FROM plan WHERE name = 'Sweep')";
            s.execute("INSERT INTO hosting_order (customer_id, plan_id, username, status, created_at, paid_at, updated_at)"
                    + " SELECT " + customer + ", " + plan + ", '" + prefix + "' || i, 'active', now(), now(), now()"
                    + " FROM generate_series(0, " + last + ") i");
            s.execute("INSERT INTO hosting_account (server_id, panel_user_id, username, email, status, slot_held,"
                    + " customer_id, order_id, created_at, updated_at)"
                    + " SELECT (" + servers + ")[i % " + panels + " + 1], i / " + panels + " + 1, o.username,"
                    + " o.username || '@example.com', 'active', true, o.customer_id, o.id, now(), now()"
                    + " FROM generate_series(0, " + last + ") i JOIN hosting_order o ON o.username = '" + prefix + "' || i");
            s.execute("UPDATE panel_server p SET current_accounts = (SELECT count(*) FROM hosting_account a"
                    + " WHERE a.server_id = p.id AND a.slot_held)");
            s.execute("INSERT INTO service (customer_id, plan_id, order_id, account_id, status, next_due_date, created_at,"
                    + " updated_at) SELECT o.customer_id, o.plan_id, o.id, a.id, 'active', " + due + ", now(), now()"
                    + " FROM hosting_order o JOIN hosting_account a ON a.order_id = o.id WHERE o.username LIKE '" + prefix + "%'");
            s.execute("INSERT INTO invoice (number, customer_id, order_id, service_id, period_start, period_end, total,"
                    + " currency, due_date, status, issued_at)"
                    + " SELECT '" + prefix.toUpperCase() + "-' || s.id, s.customer_id, s.order_id, s.id, current_date - 10,"
                    + " current_date + 20, 1.00, 'USD', " + due + ", 'unpaid', now() FROM service s"
                    + " JOIN hosting_account a ON a.id = s.account_id WHERE a.username LIKE '" + prefix + "%'");
        }
    }

    private static void analyze(Connection db) throws Exception {
        try (Statement s = db.createStatement()) {
            s.execute("ANALYZE");
        }
    }

    private static Connection appDb(BenchStack stack) throws Exception {
        try (Connection stats = stack.statsDb()) {
            String url = stats.getMetaData().getURL().replaceFirst("/postgres(\\?|$)", "/billing$1");
            return DriverManager.getConnection(url, "postgres", "postgres");
        }
    }

    private static long count(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
