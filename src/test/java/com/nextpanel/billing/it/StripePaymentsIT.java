package com.nextpanel.billing.it;

import static com.nextpanel.billing.it.Fixtures.username;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.nextpanel.simulator.NextPanelSimulator;
import com.nextpanel.stripe.FakeStripe;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Card payments through the fake Stripe, end to end: checkout page, signed webhook, the return
 * page's reconcile racing the webhook, refused deliveries; and the payment path's hardening
 * (nothing above what is owed, references not reused, money kept when provisioning cannot start).
 */
@ExtendWith(ArquillianExtension.class)
class StripePaymentsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    @RegisterExtension
    static final Mailbox MAIL = new Mailbox();
    @RegisterExtension
    static final Simulators SIMULATORS = new Simulators();

    @ArquillianResource
    URL deployment;

    Api api;
    final NextPanelSimulator sim = SIMULATORS.shared();
    FakeStripe stripe = TestEnvironment.stripe();

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.billingWarWithTestSupport();
    }

    @BeforeEach
    void connect() {
        api = Api.admin(deployment);
        SIMULATORS.sharedServerOnlyActive(api);
        stripe.deliverTo(deployment + "api/v1/payments/stripe/webhook", TestEnvironment.STRIPE_WEBHOOK_SECRET);
    }

    /** An order placed for a new customer: its ids and the username it waits for. */
    record Order(long id, long invoice, long service, String username, String email) {
    }

    private Order order(String price) {
        String email = Fixtures.unique("card") + "@example.com";
        long customer = created(api.post("/api/v1/customers", Json.createObjectBuilder().add("email", email)
                .add("full_name", "Grace Hopper").build()));
        return order(customer, email, price);
    }

    private Order order(long customer, String email, String price) {
        long plan = created(api.post("/api/v1/plans", Json.createObjectBuilder().add("name", Fixtures.unique("Card plan "))
                .add("price", new BigDecimal(price)).add("currency", "USD").add("billing_cycle", "monthly")
                .add("package_id", 1).build()));
        String username = username();
        Api.Reply placed = api.post("/api/v1/orders", Json.createObjectBuilder().add("customer_id", customer)
                .add("plan_id", plan).add("username", username).build());
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        JsonObject order = placed.json();
        return new Order(order.getJsonNumber("id").longValue(), order.getJsonNumber("invoice_id").longValue(),
                order.getJsonNumber("service_id").longValue(), username, email);
    }

    /** CardPayments.startCheckout, as the store's endpoint calls it; answers the session id. */
    private String checkout(long invoice) {
        Api.Reply reply = api.post("/api/v1/test-support/card-payments/checkout",
                Json.createObjectBuilder().add("invoice_id", invoice).build());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        String url = reply.json().getString("redirect_url");
        assertThat(url).startsWith(stripe.baseUrl() + "/pay/cs_test_");
        return stripe.sessionIdIn(url).orElseThrow();
    }

    private JsonObject invoice(long id) {
        return api.get("/api/v1/invoices/" + id).json();
    }

    @Test
    void aCardPaidOnTheCheckoutPageOpensTheAccountOnThePanel() throws Exception {
        Order order = order("12.50");
        String session = checkout(order.invoice());
        JsonObject created = stripe.sessionJson(session);
        assertThat(created.getJsonNumber("amount_total").longValue()).isEqualTo(1250);
        assertThat(created.getString("currency")).isEqualTo("usd");
        assertThat(created.getJsonObject("metadata").getString("invoice_id")).isEqualTo(String.valueOf(order.invoice()));
        assertThat(created.getString("client_reference_id")).isEqualTo(String.valueOf(order.invoice()));

        HttpClient browser = HttpClient.newHttpClient();
        String page = browser.send(HttpRequest.newBuilder(URI.create(stripe.baseUrl() + "/pay/" + session)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(page).contains("<label for=\"card\">Card number</label>").contains("12.50 USD");
        HttpResponse<String> declined = browser.send(cardForm(session, "4000 0000 0000 0002"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(declined.body()).contains("declined");
        assertThat(invoice(order.invoice()).getString("status")).isEqualTo("unpaid");
        assertThat(sim.accounts()).noneMatch(a -> a.username().equals(order.username()));

        HttpResponse<String> paid = browser.send(cardForm(session, "4242 4242 4242 4242"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(paid.statusCode()).isEqualTo(303);
        assertThat(paid.headers().firstValue("Location").orElseThrow())
                .endsWith("/client/invoice.html?id=" + order.invoice() + "&session_id=" + session);
        String event = stripe.eventOf(session).orElseThrow();
        assertThat(stripe.deliveries()).filteredOn(d -> event.equals(d.eventId()))
                .singleElement().satisfies(d -> {
                    assertThat(d.status()).isEqualTo(200);
                    assertThat(d.body()).contains("\"outcome\":\"applied\"");
                });

        JsonObject invoice = invoice(order.invoice());
        assertThat(invoice.getString("status")).isEqualTo("paid");
        assertThat(invoice.getJsonArray("payments")).singleElement()
                .satisfies(p -> assertThat(p.asJsonObject().getString("method")).isEqualTo("stripe"));
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(api.get("/api/v1/orders/" + order.id()).json().getString("status")).isEqualTo("active"));
        assertThat(sim.accounts()).filteredOn(a -> a.username().equals(order.username()))
                .singleElement().satisfies(a -> {
                    assertThat(a.status()).isEqualTo("active");
                    assertThat(a.email()).isEqualTo(order.email());
                    assertThat(a.fullName()).isEqualTo("Grace Hopper");
                    assertThat(a.packageId()).isEqualTo(1L);
                });
        assertThat(body(MAIL.awaitMail(order.email(), "is ready"))).contains(order.username());
        assertThat(body(MAIL.awaitMail(order.email(), "Payment received"))).contains("12.50 USD")
                .contains("/client/invoice.html?id=" + order.invoice());

        // The return page after the webhook: nothing more happens
        Api.Reply back = reconcile(session);
        assertThat(back.json().getString("invoice_status")).isEqualTo("paid");
        assertThat(back.json().getString("outcome")).isEqualTo("replayed");
        assertThat(invoice(order.invoice()).getJsonArray("payments")).hasSize(1);
    }

    @Test
    void aSignedInCustomerPaysTheirOwnInvoiceByCardAndComesBack() {
        String email = Fixtures.unique("store") + "@example.com";
        StoreVisitor customer = new StoreVisitor(deployment);
        Api.Reply signedUp = customer.post("/api/store/signup", Json.createObjectBuilder().add("email", email)
                .add("full_name", "Store Customer").add("password", "correct horse battery").build());
        assertThat(signedUp.status()).as(signedUp.toString()).isEqualTo(201);
        long customerId = signedUp.json().getJsonObject("customer").getJsonNumber("id").longValue();
        Order order = order(customerId, email, "15.00");
        Order another = order("15.00");
        String start = "/api/store/invoices/" + order.invoice() + "/card-payment";

        assertThat(new StoreVisitor(deployment).post(start, null).status()).isEqualTo(401);
        assertThat(customer.post("/api/store/invoices/" + another.invoice() + "/card-payment", null).status())
                .isEqualTo(404);
        Api.Reply started = customer.post(start, null);
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        String url = started.json().getString("redirect_url");
        String session = stripe.sessionIdIn(url).orElseThrow();
        JsonObject created = stripe.sessionJson(session);
        assertThat(created.getJsonNumber("amount_total").longValue()).isEqualTo(1500);
        assertThat(created.getString("success_url"))
                .endsWith("/client/invoice.html?id=" + order.invoice() + "&session_id={CHECKOUT_SESSION_ID}");

        String otherSession = checkout(another.invoice());
        assertThat(customer.post(start + "/return", Json.createObjectBuilder().add("session_id", otherSession).build())
                .status()).isEqualTo(404); // a session of another invoice is not this one's
        Api.Reply unpaid = customer.post(start + "/return", Json.createObjectBuilder().add("session_id", session).build());
        assertThat(unpaid.json().getString("invoice_status")).isEqualTo("unpaid");

        stripe.pay(session, FakeStripe.Webhooks.NONE); // the customer is back before the webhook
        Api.Reply back = customer.post(start + "/return", Json.createObjectBuilder().add("session_id", session).build());
        assertThat(back.status()).as(back.toString()).isEqualTo(200);
        assertThat(back.json().getString("invoice_status")).isEqualTo("paid");
        assertThat(stripe.resend(stripe.eventOf(session).orElseThrow()).body()).contains("\"outcome\":\"replayed\"");
        assertThat(invoice(order.invoice()).getJsonArray("payments")).hasSize(1);
        Api.Reply paidAlready = customer.post(start, null);
        assertThat(paidAlready.status()).as(paidAlready.toString()).isEqualTo(409);
        // the paid order's account is opened on the panel; the other customer's unpaid one is not
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(sim.accounts())
                .filteredOn(a -> a.username().equals(order.username())).singleElement()
                .satisfies(a -> assertThat(a.email()).isEqualTo(email)));
        awaitNoOpenJobs();
        assertThat(sim.accounts()).noneMatch(a -> a.username().equals(another.username()));
    }

    @Test
    void forgedStaleReplayedAndMismatchedEventsPayNothing() {
        Order order = order("20.00");
        String session = checkout(order.invoice());
        String eventId = stripe.pay(session, FakeStripe.Webhooks.NONE);
        String payload = stripe.eventJson(eventId, "checkout.session.completed", stripe.sessionJson(session)).toString();

        assertThat(stripe.sendWithBadSignature(payload)).satisfies(d -> {
            assertThat(d.status()).isEqualTo(400);
            assertThat(d.body()).contains("Stripe-Signature");
        });
        assertThat(stripe.sendSignedAgo(payload, 600).status()).isEqualTo(400);
        assertThat(api.send("POST", "/api/v1/payments/stripe/webhook", payload, "application/json").status())
                .isEqualTo(400); // no signature at all
        assertThat(invoice(order.invoice()).getString("status")).isEqualTo("unpaid");

        // A type we do not act on is acknowledged and ignored
        String other = stripe.eventJson("evt_test_other_" + System.nanoTime(), "customer.created",
                Json.createObjectBuilder().add("id", "cus_1").add("object", "customer").build()).toString();
        assertThat(stripe.sendSigned(other).body()).contains("\"outcome\":\"ignored\"");

        // Applied once, however often it comes
        assertThat(stripe.resend(eventId).body()).contains("\"outcome\":\"applied\"");
        assertThat(stripe.resend(eventId).body()).contains("\"outcome\":\"replayed\"");
        assertThat(invoice(order.invoice()).getJsonArray("payments")).hasSize(1);

        // A session whose amount or currency is not the invoice's pays nothing (200: Stripe need not retry)
        Order second = order("20.00");
        Map<String, String> metadata = Map.of("invoice_id", String.valueOf(second.invoice()), "invoice_number", "x");
        for (var wrong : Map.of(1999L, "usd", 2000L, "eur").entrySet()) {
            String forged = stripe.createSession(wrong.getKey(), wrong.getValue(), metadata,
                    String.valueOf(second.invoice()), "http://shop/ok", null);
            var delivery = stripe.resend(stripe.pay(forged, FakeStripe.Webhooks.NONE));
            assertThat(delivery.status()).isEqualTo(200);
            assertThat(delivery.body()).contains("\"outcome\":\"refused\"");
            assertThat(reconcile(forged).json().getString("outcome")).isEqualTo("refused");
        }
        assertThat(invoice(second.invoice()).getString("status")).isEqualTo("unpaid");
        assertThat(invoice(second.invoice()).getJsonArray("payments")).isEmpty();
        assertThat(api.get("/api/v1/audit?target_type=invoice&target_id=" + second.invoice()).body())
                .contains("nothing was paid");
        // only the event applied opened an account on the panel
        awaitNoOpenJobs();
        assertThat(sim.accounts()).filteredOn(a -> a.username().equals(order.username())).hasSize(1);
        assertThat(sim.accounts()).noneMatch(a -> a.username().equals(second.username()));
    }

    @Test
    void theWebhookAndTheReturnPageAtOnceCreditTheInvoiceOnce() {
        for (int round = 0; round < 4; round++) {
            Order order = order("7.00");
            String session = checkout(order.invoice());
            String eventId = stripe.pay(session, FakeStripe.Webhooks.NONE);
            awaitNoOpenJobs(); // other tests' accounts are created by then: the count below is this round's
            long createsBefore = sim.requests("POST", "/api/v1/billing/accounts");
            var webhook = CompletableFuture.supplyAsync(() -> stripe.resend(eventId));
            var again = CompletableFuture.supplyAsync(() -> stripe.resend(eventId));
            var returned = CompletableFuture.supplyAsync(() -> reconcile(session));
            assertThat(webhook.join().status()).isEqualTo(200);
            assertThat(again.join().status()).isEqualTo(200);
            assertThat(returned.join().json().getString("invoice_status")).isEqualTo("paid");

            assertThat(invoice(order.invoice()).getJsonArray("payments")).hasSize(1);
            await().atMost(PATIENCE).untilAsserted(() ->
                    assertThat(api.get("/api/v1/orders/" + order.id()).json().getString("status")).isEqualTo("active"));
            assertThat(sim.accounts()).filteredOn(a -> a.username().equals(order.username())).hasSize(1);
            awaitNoOpenJobs();
            assertThat(sim.requests("POST", "/api/v1/billing/accounts") - createsBefore).isEqualTo(1);
        }
    }

    @Test
    void aPaymentIsNeverAboveWhatIsOwedNorAReferenceReused() {
        Order order = order("9.99");
        String path = "/api/v1/invoices/" + order.invoice() + "/payments";
        String reused = Fixtures.unique("bank-");
        Api.Reply above = api.post(path, payment("10.00", Fixtures.unique("bank-")));
        assertThat(above.status()).as(above.toString()).isEqualTo(422);
        assertThat(above.json().getString("detail")).contains("still owes 9.99 USD");

        assertThat(api.post(path, payment("4.00", reused)).status()).isEqualTo(201);
        assertThat(api.post(path, payment("4.00", reused)).status()).isEqualTo(200); // a replay
        Api.Reply otherAmount = api.post(path, payment("5.99", reused));
        assertThat(otherAmount.status()).as(otherAmount.toString()).isEqualTo(409);
        assertThat(otherAmount.json().getString("detail")).contains(reused);
        Order other = order("9.99");
        assertThat(api.post("/api/v1/invoices/" + other.invoice() + "/payments", payment("4.00", reused)).status())
                .isEqualTo(409);
        assertThat(api.post(path, payment("6.00", Fixtures.unique("bank-"))).status()).isEqualTo(422);
        assertThat(invoice(order.invoice()).getJsonArray("payments")).hasSize(1);

        // Marking the partly paid order paid pays what remains
        Api.Reply paid = api.post("/api/v1/orders/" + order.id() + "/pay", null);
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        JsonObject invoice = invoice(order.invoice());
        assertThat(invoice.getString("status")).isEqualTo("paid");
        assertThat(invoice.getJsonArray("payments").getValuesAs(JsonObject.class))
                .extracting(p -> new BigDecimal(p.get("amount").toString().replace("\"", "")))
                .containsExactly(new BigDecimal("4.00"), new BigDecimal("5.99"));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(sim.accounts())
                .filteredOn(a -> a.username().equals(order.username())).singleElement()
                .satisfies(a -> assertThat(a.status()).isEqualTo("active")));
        assertThat(sim.accounts()).noneMatch(a -> a.username().equals(other.username()));
    }

    @Test
    void aUsernameTakenBeforePaymentKeepsThePaymentAndAsksForAnOperator() {
        Order order = order("9.99");
        Api.Reply taken = api.post("/api/v1/nextpanel/provision", Fixtures.provision(order.username()));
        assertThat(taken.status()).as(taken.toString()).isIn(200, 201);

        Api.Reply paid = api.post("/api/v1/invoices/" + order.invoice() + "/payments", payment("9.99", Fixtures.unique("bank-")));
        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
        assertThat(invoice(order.invoice()).getString("status")).isEqualTo("paid");
        assertThat(api.get("/api/v1/services/" + order.service()).json().getString("status"))
                .isEqualTo("needs_attention");
        assertThat(api.get("/api/v1/services?status=needs_attention&size=100").json().getJsonArray("items"))
                .anySatisfy(s -> assertThat(s.asJsonObject().getJsonNumber("id").longValue()).isEqualTo(order.service()));
        assertThat(api.get("/api/v1/alerts?status=open&size=100").json().getJsonArray("items")
                .getValuesAs(JsonObject.class))
                .filteredOn(a -> a.getString("kind").equals("service_needs_attention")
                        && a.getJsonNumber("target_id").longValue() == order.service())
                .singleElement().satisfies(a -> assertThat(a.getString("message"))
                        .contains(order.username()).contains("payment is kept"));
        // the panel holds only the operator's account under that name, not a second one for the order
        awaitNoOpenJobs();
        assertThat(sim.accounts()).filteredOn(a -> a.username().equals(order.username())).singleElement()
                .satisfies(a -> assertThat(a.email()).isEqualTo(order.username() + "@example.com"));
    }

    /** No panel action still under way (emails are jobs too, and this class runs no mail server: they wait). */
    private static void awaitNoOpenJobs() {
        await().atMost(PATIENCE).until(() -> TestEnvironment.count("SELECT count(*) FROM panel_job"
                + " WHERE status IN ('pending', 'in_progress') AND kind <> 'SEND_EMAIL'") == 0);
    }

    private Api.Reply reconcile(String session) {
        Api.Reply reply = api.post("/api/v1/test-support/card-payments/reconcile",
                Json.createObjectBuilder().add("session_id", session).build());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply;
    }

    private static JsonObject payment(String amount, String reference) {
        return Json.createObjectBuilder().add("amount", new BigDecimal(amount)).add("method", "bank")
                .add("external_reference", reference).build();
    }

    private HttpRequest cardForm(String session, String card) {
        return HttpRequest.newBuilder(URI.create(stripe.baseUrl() + "/pay/" + session))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("card=" + card.replace(" ", "+"))).build();
    }

    private static long created(Api.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().getJsonNumber("id").longValue();
    }

    private static String body(MimeMessage message) {
        return GreenMailUtil.getBody(message);
    }
}
