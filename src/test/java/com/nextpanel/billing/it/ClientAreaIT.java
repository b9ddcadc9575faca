package com.nextpanel.billing.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nextpanel.simulator.NextPanelSimulator;
import com.nextpanel.simulator.SimAccount;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store's catalog and checkout, and the client area, as a customer meets them over HTTP: only
 * their own services, invoices and payments, the control panel's address for customers, and
 * cancelling. The panel simulator is looked at wherever an account changes.
 */
@ExtendWith(ArquillianExtension.class)
class ClientAreaIT {

    private static final String PASSWORD = "correct horse battery";
    private static final String PANEL_URL = "https://panel.example.com:2083";

    @RegisterExtension
    static final Mailbox MAIL = new Mailbox();

    @RegisterExtension
    static final Simulators SIMULATORS = new Simulators();

    @ArquillianResource
    URL deployment;

    Api operator;

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.billingWarWithTestSupport();
    }

    @BeforeEach
    void connect() {
        operator = Api.admin(deployment);
        operator.post("/api/v1/test-support/public-url",
                Json.createObjectBuilder().add("url", deployment.toString()).build());
    }

    @Test
    void theCatalogShowsThePlansForSaleToAnyone() {
        long forSale = plan("Catalog " + System.nanoTime(), "7.50");
        long retired = plan("Retired " + System.nanoTime(), "3.00");
        operator.patch("/api/v1/plans/" + retired, Json.createObjectBuilder().add("is_active", false).build());

        Api.Reply catalog = Api.anonymous(deployment).get("/api/store/plans");

        assertThat(catalog.status()).isEqualTo(200);
        List<JsonObject> plans = catalog.json().getJsonArray("items").getValuesAs(JsonObject.class);
        JsonObject shown = plans.stream().filter(p -> p.getJsonNumber("id").longValue() == forSale).findFirst()
                .orElseThrow();
        assertThat(shown.getString("price")).isEqualTo("7.50");
        assertThat(shown.getString("currency")).isEqualTo("EUR");
        assertThat(shown.getString("billing_cycle")).isEqualTo("monthly");
        assertThat(shown.keySet()).doesNotContain("package_id", "preferred_tag");
        assertThat(plans).noneMatch(p -> p.getJsonNumber("id").longValue() == retired);
        // the tests configure both a Stripe key and bank-transfer instructions
        assertThat(catalog.json().getJsonArray("payment_methods").getValuesAs(jakarta.json.JsonString.class))
                .extracting(jakarta.json.JsonString::getString).containsExactly("stripe", "bank_transfer");
    }

    @Test
    void orderingNeedsASignedInCustomerWithAVerifiedEmailAndNothingIsWrittenBefore() throws Exception {
        long plan = plan("Gate " + System.nanoTime(), "5.00");
        long ordersBefore = TestEnvironment.count("SELECT count(*) FROM hosting_order");

        Api.Reply anonymous = new StoreVisitor(deployment).post("/api/store/orders", checkout(plan, "gate1", "stripe"));
        StoreVisitor unverified = new StoreVisitor(deployment);
        unverified.post("/api/store/signup", signUp(Fixtures.unique("unverified") + "@example.com", "Una Verified"));
        Api.Reply notVerified = unverified.post("/api/store/orders", checkout(plan, Fixtures.username(), "stripe"));
        StoreVisitor verified = verifiedCustomer("Vera Valid");
        Api.Reply bad = verified.post("/api/store/orders", Json.createObjectBuilder().add("plan_id", plan)
                .add("username", "Not A Name!").add("gateway", "paypal").build());

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(notVerified.status()).as(notVerified.toString()).isEqualTo(403);
        assertThat(notVerified.json().getString("type")).endsWith("email-not-verified");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.body()).contains("username", "gateway", "must be stripe or bank_transfer");
        assertThat(TestEnvironment.count("SELECT count(*) FROM hosting_order")).isEqualTo(ordersBefore);
    }

    @Test
    void aPaidOrderBecomesAnActiveServiceWithTheControlPanelAddressCustomersUse() {
        NextPanelSimulator sim = SIMULATORS.start();
        long server = serverWithPanelUrl(sim);
        Fixtures.onlyActive(operator, server);
        long plan = plan("Shop " + System.nanoTime(), "9.90");
        StoreVisitor customer = verifiedCustomer("Paula Payer");
        String username = Fixtures.username();

        Api.Reply placed = customer.post("/api/store/orders", checkout(plan, username, "bank_transfer"));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        long order = placed.json().getJsonNumber("order_id").longValue();
        long invoice = placed.json().getJsonNumber("invoice_id").longValue();
        JsonObject unpaid = customer.get("/api/store/invoices/" + invoice).json();
        assertThat(unpaid.getString("status")).isEqualTo("unpaid");
        assertThat(unpaid.getString("total")).isEqualTo("9.90");
        assertThat(unpaid.getString("gateway")).isEqualTo("bank_transfer");
        assertThat(unpaid.getString("bank_transfer_instructions")).contains("IBAN");
        assertThat(unpaid.getJsonArray("lines")).hasSize(1);

        // the operator records the transfer, as the console does
        assertThat(operator.post("/api/v1/orders/" + order + "/pay",
                Json.createObjectBuilder().add("method", "bank_transfer").add("reference", "TRF-" + order).build())
                .status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                customer.get("/api/store/services").json().getJsonArray("items").getJsonObject(0).getString("status"))
                .isEqualTo("active"));
        JsonObject service = customer.get("/api/store/services").json().getJsonArray("items").getJsonObject(0);
        assertThat(service.getString("username")).isEqualTo(username);
        assertThat(service.getString("panel_url")).isEqualTo(PANEL_URL);
        assertThat(service.getString("plan_name")).startsWith("Shop ");
        String email = customer.get("/api/store/session").json().getJsonObject("customer").getString("email");
        // one create, carrying the customer's details and the plan's package
        assertThat(sim.accounts()).singleElement().satisfies(a -> {
            assertThat(a.username()).isEqualTo(username);
            assertThat(a.email()).isEqualTo(email);
            assertThat(a.fullName()).isEqualTo("Paula Payer");
            assertThat(a.packageId()).isEqualTo(1L);
            assertThat(a.status()).isEqualTo("active");
        });
        assertThat(sim.requests("POST", "/api/v1/billing/accounts")).isEqualTo(1);
        SimAccount onPanel = sim.accounts().get(0);
        assertThat(customer.get("/api/store/invoices/" + invoice).json().getString("status")).isEqualTo("paid");
        JsonObject payment = customer.get("/api/store/payments").json().getJsonArray("items").getJsonObject(0);
        assertThat(payment.getString("amount")).isEqualTo("9.90");
        assertThat(payment.getJsonNumber("invoice_id").longValue()).isEqualTo(invoice);
        // the welcome email names the customers' address of the panel, not the API's, and the client area
        String welcome = Mailbox.bodyOf(MAIL.awaitMails(email, "welcome", 1).get(0));
        assertThat(welcome).contains(PANEL_URL).doesNotContain(sim.baseUrl())
                .contains(deployment.toString().replaceAll("/$", "") + "/client/");
        Matcher password = Pattern.compile("Password:\\s+(\\S+)").matcher(welcome);
        assertThat(password.find()).isTrue();
        assertThat(sim.passwordMatches(onPanel.id(), password.group(1))).as("the emailed password signs in").isTrue();
        String invoiceMail = Mailbox.bodyOf(MAIL.awaitMails(email, "invoice", 1).get(0));
        assertThat(invoiceMail).contains("/client/invoice.html?id=" + invoice);
    }

    @Test
    void anotherCustomersServicesAndInvoicesAreNotFoundAndStayUntouched() {
        long plan = plan("Mine " + System.nanoTime(), "4.00");
        StoreVisitor owner = verifiedCustomer("Olive Owner");
        JsonObject placed = owner.post("/api/store/orders", checkout(plan, Fixtures.username(), "stripe")).json();
        long service = placed.getJsonNumber("service_id").longValue();
        long invoice = placed.getJsonNumber("invoice_id").longValue();
        StoreVisitor other = verifiedCustomer("Nosy Neighbour");

        assertThat(other.get("/api/store/services/" + service).status()).isEqualTo(404);
        assertThat(other.get("/api/store/invoices/" + invoice).status()).isEqualTo(404);
        Api.Reply cancel = other.post("/api/store/services/" + service + "/cancellation",
                Json.createObjectBuilder().add("when", "end_of_period").build());
        assertThat(cancel.status()).isEqualTo(404);
        assertThat(cancel.json().getString("detail")).contains("Service " + service + " does not exist");
        assertThat(other.get("/api/store/services").json().getJsonArray("items")).isEmpty();
        assertThat(other.get("/api/store/invoices").json().getJsonArray("items")).isEmpty();
        assertThat(owner.get("/api/store/services/" + service).json().isNull("cancel_at")).isTrue();
    }

    @Test
    void aCustomerCancelsAtTheEndOfThePeriodOrAtOnce() {
        NextPanelSimulator sim = SIMULATORS.start();
        Fixtures.onlyActive(operator, serverWithPanelUrl(sim));
        long plan = plan("Leave " + System.nanoTime(), "6.00");
        // two customers: the simulated panel, like many, takes one account per email address
        StoreVisitor patient = verifiedCustomer("Carl Cancel");
        String laterName = Fixtures.username();
        long later = activeService(patient, plan, laterName);
        StoreVisitor hasty = verifiedCustomer("Hasty Harry");
        String nowName = Fixtures.username();
        long now = activeService(hasty, plan, nowName);
        long nowOnPanel = panelIdOf(sim, nowName);
        long laterOnPanel = panelIdOf(sim, laterName);

        Api.Reply atEnd = patient.post("/api/store/services/" + later + "/cancellation",
                Json.createObjectBuilder().add("when", "end_of_period").build());
        Api.Reply atOnce = hasty.post("/api/store/services/" + now + "/cancellation",
                Json.createObjectBuilder().add("when", "immediate").build());

        assertThat(atEnd.status()).as(atEnd.toString()).isEqualTo(200);
        assertThat(LocalDate.parse(atEnd.json().getString("cancel_at")))
                .isEqualTo(LocalDate.parse(atEnd.json().getString("next_due_date")));
        assertThat(atEnd.json().getString("status")).isEqualTo("active");
        assertThat(atOnce.status()).as(atOnce.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                hasty.get("/api/store/services/" + now).json().getString("status")).isEqualTo("terminated"));
        assertThat(sim.accounts()).noneMatch(a -> a.username().equals(nowName)); // removed from the panel
        assertThat(sim.accounts()).anyMatch(a -> a.username().equals(laterName)); // still there until the due date
        assertThat(sim.account(nowOnPanel).orElseThrow().deleted()).isTrue();
        assertThat(sim.requests("DELETE", "/api/v1/billing/accounts/" + nowOnPanel)).isEqualTo(1);
        // cancelling at the end of the period neither deletes nor suspends anything yet
        assertThat(sim.account(laterOnPanel).orElseThrow())
                .extracting(SimAccount::status, SimAccount::deleted).containsExactly("active", false);
        assertThat(sim.requests("POST", "/api/v1/billing/accounts/" + laterOnPanel + "/")
                + sim.requests("DELETE", "/api/v1/billing/accounts/" + laterOnPanel)).isZero();
    }

    private static long panelIdOf(NextPanelSimulator sim, String username) {
        return sim.accounts().stream().filter(a -> a.username().equals(username)).findFirst().orElseThrow().id();
    }

    // --- arranging, as an operator and a customer would

    private long activeService(StoreVisitor customer, long plan, String username) {
        JsonObject placed = customer.post("/api/store/orders", checkout(plan, username, "bank_transfer")).json();
        long order = placed.getJsonNumber("order_id").longValue();
        assertThat(operator.post("/api/v1/orders/" + order + "/pay", null).status()).isEqualTo(200);
        long service = placed.getJsonNumber("service_id").longValue();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                customer.get("/api/store/services/" + service).json().getString("status")).isEqualTo("active"));
        return service;
    }

    /** Signed up, with the email verified through the emailed link. */
    private StoreVisitor verifiedCustomer(String fullName) {
        String email = Fixtures.unique("client") + "@example.com";
        StoreVisitor browser = new StoreVisitor(deployment);
        assertThat(browser.post("/api/store/signup", signUp(email, fullName)).status()).isEqualTo(201);
        String link = Mailbox.linkIn(MAIL.awaitMails(email, "email_verification", 1).get(0));
        Api.Reply verified = browser.post("/api/store/email-verification",
                Json.createObjectBuilder().add("token", Mailbox.tokenOf(link)).build());
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        return browser;
    }

    private long serverWithPanelUrl(NextPanelSimulator sim) {
        Api.Reply added = operator.post("/api/v1/nextpanel/servers", Json.createObjectBuilder(
                Fixtures.guideServer("Shop panel " + System.nanoTime(), sim)).add("panel_url", PANEL_URL + "/").build());
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.json().getString("panel_url")).isEqualTo(PANEL_URL);
        return added.json().getJsonNumber("server_id").longValue();
    }

    private long plan(String name, String price) {
        Api.Reply created = operator.post("/api/v1/plans", Json.createObjectBuilder().add("name", name)
                .add("price", price).add("currency", "EUR").add("billing_cycle", "monthly").add("package_id", 1).build());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().getJsonNumber("id").longValue();
    }

    private static JsonObject checkout(long plan, String username, String gateway) {
        return Json.createObjectBuilder().add("plan_id", plan).add("username", username).add("gateway", gateway)
                .build();
    }

    private static JsonObject signUp(String email, String fullName) {
        return Json.createObjectBuilder().add("email", email).add("full_name", fullName).add("password", PASSWORD)
                .build();
    }
}
