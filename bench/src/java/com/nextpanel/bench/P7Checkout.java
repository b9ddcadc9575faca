package com.nextpanel.bench;

import com.nextpanel.simulator.NextPanelSimulator;
import com.nextpanel.stripe.FakeStripe;
import com.nextpanel.stripe.WebhookDelivery;
import jakarta.json.Json;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * P7, checkout: 500 customers of the store check out at once and pay by card through the fake
 * Stripe; the payments arrive as signed webhooks, every 5th twice, and for every 50th the
 * customer's return page races the webhook. Measured: from the first webhook until the last
 * service is active. Limit: what the panels allow, N × create latency / (panels × per-panel
 * concurrency). Checks: one payment per invoice, every invoice paid, one account per customer on
 * the panels (bench/README.md, "P7").
 */
final class P7Checkout implements Bench.Benchmark {

    private static final String KEY = "sk_test_bench";
    private static final String WEBHOOK_SECRET = "whsec_bench";
    private static final double TOLERANCE = 1.25;
    /** No service turned active for this long: the run has stalled, and says so rather than wait for 3 minutes. */
    private static final Duration STALL = Duration.ofSeconds(30);

    @Override
    public void run(Report report) throws Exception {
        int n = Integer.getInteger("bench.p7.customers", 500);
        int clients = Integer.getInteger("bench.clients", 48);
        int webhookClients = Integer.getInteger("bench.p7.webhookClients", 48); // Stripe sends a burst, not a queue
        int panels = 3;
        int concurrency = Integer.getInteger("bench.panelConcurrency", 4);
        Duration latency = Duration.ofMillis(Long.getLong("bench.p7.latencyMs", 200));
        try (FakeStripe stripe = FakeStripe.start(0, KEY);
             BenchStack stack = new BenchStack("P7")
                     .config("panel.max-concurrent-calls", concurrency)
                     .config("stripe.secret-key", KEY)
                     .config("stripe.webhook-secret", WEBHOOK_SECRET)
                     .config("stripe.api-base", stripe.baseUrl())
                     .config("billing.automation.enabled", false)) { // no hourly run in the middle
            stack.start();
            String app = stack.api().baseUrl();
            stripe.deliverTo(app + "/api/v1/payments/stripe/webhook", WEBHOOK_SECRET);
            long plan = StoreClient.expect(stack.api().post("/api/v1/plans", Json.createObjectBuilder().add("name", "Bench")
                    .add("price", 9.90).add("currency", "USD").add("billing_cycle", "monthly").add("package_id", 1).build()),
                    201, "plan").getJsonNumber("id").longValue();

            CheckoutWarmUp.run(stack, stripe, plan, 990, Integer.getInteger("bench.p7.warmup", 300), 16, latency);
            List<NextPanelSimulator> sims = new ArrayList<>();
            for (int p = 0; p < panels; p++) {
                NextPanelSimulator sim = stack.simulator(latency);
                stack.api().register("Checkout panel " + p, sim, n);
                sims.add(sim);
            }

            // Set-up, not timed as a figure: sign-ups 16 at a time, then the emails verified in the
            // bench's own throwaway database: email delivery is not what P7 measures.
            StoreClient[] customers = new StoreClient[n];
            Parallel signups = Parallel.run(n, 16, i -> {
                customers[i] = new StoreClient(app);
                StoreClient.expect(customers[i].post("/api/store/signup", Json.createObjectBuilder()
                        .add("email", "p7-" + i + "@example.com").add("full_name", "Checkout " + i)
                        .add("password", "bench-password-" + i).build()), 201, "sign-up");
            });
            signups.requireNoErrors("sign-up");
            try (Connection db = stack.appDb(); Statement s = db.createStatement()) {
                s.executeUpdate("UPDATE customer SET email_verified_at = now() WHERE email LIKE 'p7-%@example.com'");
            }
            Report.info(String.format("set-up: %d customers signed up in %.1f s (16 at a time, PBKDF2 each), emails"
                    + " marked verified with SQL; %d panels answering creates in %d ms, per-panel concurrency %d",
                    n, signups.seconds(), panels, latency.toMillis(), concurrency));

            // Checkout: order, then a Checkout Session for its invoice
            long[] invoices = new long[n];
            String[] sessions = new String[n];
            Parallel checkout = Parallel.run(n, clients, i -> {
                invoices[i] = StoreClient.expect(customers[i].post("/api/store/orders", Json.createObjectBuilder()
                        .add("plan_id", plan).add("username", "pseven" + i).add("gateway", "stripe").build()),
                        201, "order").getJsonNumber("invoice_id").longValue();
                String url = StoreClient.expect(customers[i].post("/api/store/invoices/" + invoices[i] + "/card-payment",
                        null), 200, "card payment").getString("redirect_url");
                sessions[i] = stripe.sessionIdIn(url).orElseThrow(() -> new IllegalStateException("no session in " + url));
            });
            report.line(String.format("P7 checkout: %d orders and Checkout Sessions in %.2f s (%d client threads);"
                    + " per customer (order + card payment) %s", n, checkout.seconds(), clients, checkout.times()));
            checkout.requireNoErrors("checkout");

            try (Connection db = stack.appDb(); Diagnostics diagnostics = new Diagnostics(stack, sims, panels * concurrency)) {
                // Payment: the fake pays every session; webhooks once, every 5th twice, every 50th
                // delivered while the customer's return page reads the session (the two race)
                Map<String, Integer> returns = new TreeMap<>();
                int warmDeliveries = stripe.deliveries().size();
                Parallel payment = Parallel.run(n, webhookClients, i -> {
                    if (i % 50 == 0) {
                        String event = stripe.pay(sessions[i], FakeStripe.Webhooks.NONE);
                        var webhook = CompletableFuture.supplyAsync(() -> stripe.resend(event));
                        AppApi.Reply back = customers[i].post("/api/store/invoices/" + invoices[i] + "/card-payment/return",
                                Json.createObjectBuilder().add("session_id", sessions[i]).build());
                        webhook.join();
                        synchronized (returns) {
                            returns.merge(back.status() + " " + (back.status() == 200 ? back.json().getString("invoice_status")
                                    : back.shortBody()), 1, Integer::sum);
                        }
                    } else {
                        stripe.pay(sessions[i], i % 5 == 4 ? FakeStripe.Webhooks.TWICE : FakeStripe.Webhooks.ONCE);
                    }
                }, false);
                long t0 = payment.started();
                int active;
                double firstActive = -1;
                long deadline = t0 + Duration.ofMinutes(3).toNanos();
                long lastChange = t0;
                int before = 0;
                List<Integer> perSecond = new ArrayList<>(); // active services at 1 s, 2 s, …: where the time goes
                do {
                    Thread.sleep(100); // polling for the end, not timing anything by it
                    active = (int) CheckoutChecks.count(db, "SELECT count(*) FROM service s JOIN customer c ON c.id = s.customer_id"
                            + " WHERE s.status = 'active' AND c.email LIKE 'p7-%'");
                    firstActive = firstActive < 0 && active > 0 ? (System.nanoTime() - t0) / 1e9 : firstActive;
                    lastChange = active != before ? System.nanoTime() : lastChange;
                    while ((System.nanoTime() - t0) / 1_000_000_000L > perSecond.size()) {
                        perSecond.add(active);
                    }
                    before = active;
                } while (active < n && System.nanoTime() < deadline && System.nanoTime() - lastChange < STALL.toNanos());
                double elapsed = (System.nanoTime() - t0) / 1e9;
                diagnostics.stop();
                if (active < n) {
                    report.fail(String.format("%d of %d services active, none more for %d s: stalled", active, n,
                            STALL.toSeconds()));
                    Report.info(String.format("stalled: the app's connections idle in a transaction for over 20 s: %d"
                            + " (the pool holds 40); the webhook clients still waiting are interrupted",
                            CheckoutChecks.count(db, "SELECT count(*) FROM pg_stat_activity WHERE datname = 'billing'"
                                    + " AND state = 'idle in transaction' AND now() - xact_start > interval '20 seconds'")));
                    payment.abandon();
                } else {
                    payment.await();
                }
                double limit = n * latency.toMillis() / 1000.0 / (panels * concurrency);
                report.line(String.format("P7 payments: %d webhooks from %d senders, the last answered %.2f s after the first"
                        + " was sent; per session paid (its deliveries) %s; the first service active after %.2f s",
                        stripe.deliveries().size() - warmDeliveries, webhookClients, payment.seconds(), payment.times(),
                        firstActive));
                Report.info(String.format("services active after each second: %s (the panels allow %.0f a second)", perSecond,
                        panels * concurrency * 1000.0 / latency.toMillis()));
                double ratio = elapsed / limit;
                report.line(String.format("P7 first webhook to last account active: %.2f s (%d of %d services active)"
                                + " — limit %.2f s (%d creates × %d ms / (%d panels × %d)) — ratio %.2f, goal ≤ %.2f (%s)",
                        elapsed, active, n, limit, n, latency.toMillis(), panels, concurrency, ratio, TOLERANCE,
                        ratio <= TOLERANCE ? "PASS" : "FAIL"));
                if (ratio > TOLERANCE) {
                    report.fail(String.format("payment to active took %.2f s, %.2f× the panels' %.2f s", elapsed, ratio, limit));
                }
                int failed = payment.failures("payment");
                if (failed > 0) {
                    report.fail(failed + " of " + n + " payments (paying the session, its webhooks, its return page) threw (see above)");
                }
                List<WebhookDelivery> deliveries = stripe.deliveries();
                CheckoutChecks.check(report, db, sims, deliveries.subList(warmDeliveries, deliveries.size()), returns, n);
                diagnostics.print(n); // "per request" here means per payment
            }
        }
    }
}
