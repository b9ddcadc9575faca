package com.nextpanel.bench;

import com.nextpanel.simulator.NextPanelSimulator;
import com.nextpanel.stripe.FakeStripe;
import jakarta.json.Json;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * P7's warm-up, not counted: card payments by webhook on 3 panels of their own, deactivated
 * afterwards, so that the measured payments meet a node whose JIT has compiled the webhook, the
 * payment and the provisioning (as P2 and P3 warm up, bench/README.md). Cheap to arrange: the
 * customers and orders come from the operator API and the Checkout Sessions straight from the
 * fake (no sign-up, whose password hashing costs Payara about a third of a second each).
 */
final class CheckoutWarmUp {

    private CheckoutWarmUp() {
    }

    static void run(BenchStack stack, FakeStripe stripe, long plan, long amountCents, int count, int clients,
            Duration latency) throws Exception {
        if (count <= 0) {
            return;
        }
        List<Long> servers = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            NextPanelSimulator sim = stack.simulator(latency);
            servers.add(stack.api().register("Warm-up panel " + p, sim, count));
        }
        Parallel payments = Parallel.run(count, clients, i -> {
            long customer = StoreClient.expect(stack.api().post("/api/v1/customers", Json.createObjectBuilder()
                    .add("email", "warm-" + i + "@example.com").add("full_name", "Warm-up " + i).build()), 201, "customer")
                    .getJsonNumber("id").longValue();
            String invoice = String.valueOf(StoreClient.expect(stack.api().post("/api/v1/orders", Json.createObjectBuilder()
                    .add("customer_id", customer).add("plan_id", plan).add("username", "warm" + i).build()), 201, "order")
                    .getJsonNumber("invoice_id").longValue());
            String session = stripe.createSession(amountCents, "usd", Map.of("invoice_id", invoice), invoice,
                    "http://127.0.0.1/success", "http://127.0.0.1/cancel");
            stripe.pay(session, i % 5 == 4 ? FakeStripe.Webhooks.TWICE : FakeStripe.Webhooks.ONCE);
        });
        payments.requireNoErrors("warm-up");
        try (Connection db = stack.appDb(); Statement s = db.createStatement()) {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            long active;
            do {
                Thread.sleep(200);
                try (ResultSet rows = s.executeQuery("SELECT count(*) FROM service WHERE status = 'active'")) {
                    rows.next();
                    active = rows.getLong(1);
                }
            } while (active < count && System.nanoTime() < deadline);
            if (active != count) {
                throw new IllegalStateException("warm-up: " + active + " of " + count + " services active after 2 minutes");
            }
        }
        for (long server : servers) {
            stack.api().deactivate(server); // the measured accounts go to the measured panels only
        }
        Report.info(String.format("warm-up: %d card payments by webhook (orders through the operator API) and their"
                + " accounts on 3 other panels in %.1f s; not counted", count, (System.nanoTime() - payments.started()) / 1e9));
    }
}
