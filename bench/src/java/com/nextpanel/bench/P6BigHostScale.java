package com.nextpanel.bench;

import com.nextpanel.simulator.NextPanelSimulator;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * P6, a big host's scale: 1,000,000 customers, each with an order, a service, a hosting account,
 * an invoice, a provisioning job, an audit line and a welcome email, on 100 panel servers, written
 * with SQL ({@link ScaleSeed}); 1,000 of the services are due on the billing day. Measured:
 * <ul>
 * <li>the billing day: PostgreSQL's execution time (pg_stat_statements) from POST /automation/run
 * until the suspensions it queued are done, at most 2 s. The panels answer at once, and time spent
 * waiting for a panel is not PostgreSQL's anyway;</li>
 * <li>account search by username and by email, the first and last page of every list, and one
 * account: p95 of 20 calls each through the API, under 50 ms.</li>
 * </ul>
 */
final class P6BigHostScale implements Bench.Benchmark {

    private static final int SERVERS = 100;
    private static final int CALLS = 20;
    private static final double CALL_LIMIT_MS = 50;
    private static final double DAY_LIMIT_S = 2;
    /** A call slower than this in its warm-up is measured 3 times, not 20: the answer is clear by then. */
    private static final double SLOW_MS = 1_000;
    private static final String POLL = "/* P6 poll */ ";
    private static final String FLOOR = "/health/live";

    /** A call to measure; a search must find something, and not everything (a filter the API ignores). */
    private record Call(String label, IntFunction<String> path, boolean search) {
        Call(String label, IntFunction<String> path) {
            this(label, path, false);
        }
    }

    @Override
    public void run(Report report) throws Exception {
        int rows = Integer.getInteger("bench.p6.rows", 1_000_000);
        try (BenchStack stack = new BenchStack("P6").statementStats()
                .config("billing.automation.enabled", false)) {
            stack.start();
            List<NextPanelSimulator> sims = new ArrayList<>();
            List<Long> serverIds = new ArrayList<>();
            for (int i = 0; i < SERVERS; i++) {
                NextPanelSimulator sim = stack.simulator(Duration.ZERO);
                serverIds.add(stack.api().register(String.format("Panel %03d", i + 1), sim, 2 * rows / SERVERS));
                sims.add(sim);
            }
            List<Long> overdue = ScaleSeed.overdueIds(rows);
            createOnPanels(sims, overdue, rows);
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            long started = System.nanoTime();
            try (Connection db = stack.appDb()) {
                ScaleSeed.seed(db, rows, serverIds, today);
            }
            Report.info(String.format("seeded %,d customers, orders, services, accounts, invoices, jobs, audit lines and"
                    + " emails on %d servers in %.0f s (SQL, then VACUUM ANALYZE)", rows, SERVERS,
                    (System.nanoTime() - started) / 1e9));

            billingDay(stack, report, rows, overdue, sims);
            lists(stack, report, rows);
            Report.info(String.format("app RSS at the end: %.0f MB with %d panel servers registered (%s)",
                    stack.payaraRssKb() / 1024.0, SERVERS, stack.payaraJvmOptions()));
        }
    }

    // ---- the billing day ----

    private static void billingDay(BenchStack stack, Report report, int rows, List<Long> overdue,
            List<NextPanelSimulator> sims) throws Exception {
        int renewals = rows / ScaleSeed.DUE_EVERY - overdue.size();
        Report.info(String.format("billing day: %,d renewal invoices to issue, %,d invoices to mark overdue and their"
                + " services to suspend; panels answer at once", renewals, overdue.size()));
        SqlStatements.reset(stack);
        long started = System.nanoTime();
        AppApi.Reply reply = stack.api().post("/api/v1/automation/run", null);
        double runSeconds = (System.nanoTime() - started) / 1e9;
        if (reply.status() != 200) {
            throw new IllegalStateException("automation run answered " + reply.status() + ": " + reply.shortBody());
        }
        JsonObject run = reply.json();
        try (Connection db = stack.appDb()) {
            long open;
            do {
                Thread.sleep(50);
                open = count(db, POLL + "SELECT count(*) FROM panel_job WHERE kind = 'SUSPEND'"
                        + " AND status IN ('pending', 'in_progress')");
            } while (open > 0 && System.nanoTime() - started < Duration.ofMinutes(2).toNanos());
        }
        double allSeconds = (System.nanoTime() - started) / 1e9;
        SqlStatements.Time database = SqlStatements.time(stack, POLL);
        report.atMost("billing day", String.format("%.2f s of PostgreSQL time (%,d statements) — the run answered in"
                        + " %.2f s, its suspensions were done %.2f s after it started", database.seconds(),
                        database.statements(), runSeconds, allSeconds),
                database.seconds(), DAY_LIMIT_S, String.format("%.2f s", DAY_LIMIT_S),
                String.format("the billing day took %.2f s of PostgreSQL time", database.seconds()));
        SqlStatements.printSlowest(stack, POLL, 8);

        long suspendedOnPanels = sims.stream().flatMap(s -> s.accounts().stream())
                .filter(a -> a.status().equals("suspended")).count();
        report.check("billing day's work", String.format("invoices issued %,d, marked overdue %,d, suspended %,d"
                        + " (%,d on the panels), failures %d; expected %,d, %,d, %,d", run.getInt("invoices_created"),
                        run.getInt("overdue_marked"), run.getInt("suspended"), suspendedOnPanels, run.getInt("failures"),
                        renewals, overdue.size(), overdue.size()),
                run.getInt("invoices_created") == renewals && run.getInt("overdue_marked") == overdue.size()
                        && run.getInt("suspended") == overdue.size() && suspendedOnPanels == overdue.size()
                        && run.getInt("failures") == 0,
                "the billing day did not do what was due");
    }

    /** The overdue accounts exist on their panels, each as the only account of its simulator (user 1). */
    private static void createOnPanels(List<NextPanelSimulator> sims, List<Long> ids, int rows) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (long id : ids) {
            NextPanelSimulator sim = sims.get(ScaleSeed.serverIndex(id, rows, SERVERS));
            String username = "user" + id;
            int status = http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/api/v1/billing/accounts"))
                            .header("Content-Type", "application/json")
                            .header("X-API-Key", sim.apiKey()).header("X-API-Secret", sim.apiSecret())
                            .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("username", username)
                                    .add("email", username + "@example.com").add("password", "Scale-Pass-123").build()
                                    .toString())).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 201 || sim.accountCount() != 1) {
                throw new IllegalStateException("simulator " + sim.baseUrl() + " refused " + username + ": HTTP " + status);
            }
        }
    }

    // ---- the lists ----

    private static void lists(BenchStack stack, Report report, int rows) throws Exception {
        Random random = new Random(6);
        IntFunction<Long> anyId = i -> 1 + (long) random.nextInt(rows);
        String accounts = "/api/v1/nextpanel/accounts";
        long server = stack.api().get("/api/v1/nextpanel/servers").array().getJsonObject(SERVERS / 2).getInt("id");
        List<Call> calls = new ArrayList<>();
        calls.add(new Call("accounts, by username", i -> accounts + "?username=user" + anyId.apply(i), true));
        calls.add(new Call("accounts, by email", i -> accounts + "?email=user" + anyId.apply(i) + "@example.com", true));
        calls.add(new Call("accounts, by customer", i -> accounts + "?customer_id=" + anyId.apply(i)));
        calls.add(new Call("one account", i -> accounts + "/" + anyId.apply(i)));
        calls.add(new Call("customers, by email", i -> "/api/v1/customers?email=user" + anyId.apply(i) + "@example.com", true));
        calls.add(new Call("services, by customer", i -> "/api/v1/services?customer_id=" + anyId.apply(i)));
        calls.add(new Call("invoices, by customer", i -> "/api/v1/invoices?customer_id=" + anyId.apply(i)));
        calls.add(new Call("orders, by customer", i -> "/api/v1/orders?customer_id=" + anyId.apply(i)));
        calls.add(new Call("jobs, by account", i -> "/api/v1/jobs?account_id=" + anyId.apply(i)));
        calls.add(new Call("audit, by account", i -> "/api/v1/audit?target_type=account&target_id=" + anyId.apply(i)));
        calls.add(new Call("emails, by recipient", i -> "/api/v1/emails?recipient=user" + anyId.apply(i) + "@example.com", true));
        calls.add(new Call("servers", i -> "/api/v1/nextpanel/servers"));
        calls.add(new Call("servers' status", i -> "/api/v1/nextpanel/servers/status"));
        calls.add(new Call("plans", i -> "/api/v1/plans"));
        calls.add(new Call("operator tokens", i -> "/api/v1/operators/tokens"));
        for (String[] list : new String[][] {
                {"accounts", accounts},
                {"accounts, by server and status", accounts + "?server_id=" + server + "&status=active"},
                {"customers", "/api/v1/customers"},
                {"services", "/api/v1/services"},
                {"invoices", "/api/v1/invoices"},
                {"invoices, overdue", "/api/v1/invoices?status=overdue"},
                {"orders", "/api/v1/orders"},
                {"jobs", "/api/v1/jobs"},
                {"jobs, done", "/api/v1/jobs?status=done"},
                {"audit", "/api/v1/audit"},
                {"emails", "/api/v1/emails"},
                {"emails, pending", "/api/v1/emails?status=pending"},
                {"alerts", "/api/v1/alerts?status=all"},
                {"automation runs", "/api/v1/automation/runs"}}) {
            calls.add(new Call(list[0] + ", first page", i -> list[1]));
            String last = lastPage(stack, list[1]);
            calls.add(new Call(list[0] + ", last page", i -> last));
        }
        List<Double> floor = new ArrayList<>();
        for (Call call : calls) {
            measure(stack, report, call, floor);
        }
        double[] reference = floor.stream().mapToDouble(Double::doubleValue).toArray();
        Report.info(String.format("same-run reference, GET %s after each call (no auth, no database): median %.1f ms,"
                + " p95 %.1f ms, max %.1f ms — what this machine adds to any call right now", FLOOR,
                Report.percentile(reference, 50), Report.percentile(reference, 95), Report.max(reference)));
    }

    /**
     * The path of a list's last page: by its number when the answer's total is exact; when the
     * answer says the total is an estimate (total_exact false), oldest first (order=asc), whose
     * first page holds the last page's items.
     */
    private static String lastPage(BenchStack stack, String path) throws Exception {
        JsonObject first = stack.api().get(path).json();
        String joiner = path.contains("?") ? "&" : "?";
        if (first.containsKey("total_exact") && !first.getBoolean("total_exact")) {
            return path + joiner + "order=asc";
        }
        long pages = Math.max(1, (first.getJsonNumber("total").longValue() + first.getInt("size") - 1) / first.getInt("size"));
        return path + joiner + "page=" + pages;
    }

    private static void measure(BenchStack stack, Report report, Call call, List<Double> floor) throws Exception {
        String example = call.path().apply(0);
        double warm = Math.max(timed(stack, example), timed(stack, example));
        if (call.search()) {
            long found = stack.api().get(example).json().getJsonNumber("total").longValue();
            report.check(call.label() + " finds", String.format("%,d for %s", found, example.replace("/api/v1", "")),
                    found >= 1 && found <= 10_000, call.label() + " found " + found);
        }
        int n = warm > SLOW_MS ? 3 : CALLS;
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            ms[i] = timed(stack, call.path().apply(i));
            floor.add(timed(stack, FLOOR)); // interleaved: the same moments of machine noise
        }
        double p95 = Report.percentile(ms, 95);
        report.atMost(call.label(), String.format("p95 %.1f ms (median %.1f, max %.1f; %d calls) %s", p95,
                        Report.percentile(ms, 50), Report.max(ms), n, example.replace("/api/v1", "")),
                p95, CALL_LIMIT_MS, String.format("%.0f ms", CALL_LIMIT_MS),
                String.format("%s p95 %.0f ms", call.label(), p95));
    }

    /** One GET in milliseconds; anything but 200 stops the benchmark. */
    private static double timed(BenchStack stack, String path) throws Exception {
        long started = System.nanoTime();
        AppApi.Reply reply = stack.api().get(path);
        double ms = Report.ms(System.nanoTime() - started);
        if (reply.status() != 200) {
            throw new IllegalStateException("GET " + path + ": HTTP " + reply.status() + " " + reply.shortBody());
        }
        return ms;
    }

    private static long count(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
