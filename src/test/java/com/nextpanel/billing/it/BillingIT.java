package com.nextpanel.billing.it;

import static com.nextpanel.billing.it.Fixtures.account;
import static com.nextpanel.billing.it.Fixtures.onlyActive;
import static com.nextpanel.billing.it.Fixtures.registerServer;
import static com.nextpanel.billing.it.Fixtures.server;
import static com.nextpanel.billing.it.Fixtures.username;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.nextpanel.simulator.NextPanelSimulator;
import com.nextpanel.simulator.SimAccount;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
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
 * Billing end to end, days moved with the test clock: orders that provision themselves, renewal
 * invoices, overdue suspension, payment and unsuspension, termination, and the customer's emails
 * at every step (GreenMail). Test settings: suspend after 3 days overdue, terminate after 10,
 * renewal invoices 7 days before the due date.
 */
@ExtendWith(ArquillianExtension.class)
class BillingIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** The reason text the overdue sweep sends to the panel. */
    private static final String OVERDUE = "Payment overdue";
    /** Longer than a job runner's 1 s look for work. */
    private static final Duration RUNNERS_IDLE = Duration.ofSeconds(2);
    @RegisterExtension
    static final Mailbox MAIL = new Mailbox();
    @RegisterExtension
    static final Simulators SIMULATORS = new Simulators();

    @ArquillianResource
    URL deployment;

    Api api;
    final NextPanelSimulator sim = SIMULATORS.shared();
    long serverId;

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.billingWarWithTestSupport();
    }

    @BeforeEach
    void connect() {
        api = Api.admin(deployment);
        serverId = SIMULATORS.sharedServerOnlyActive(api);
    }

    @Test
    void aServicesWholeLifeFromOrderToTermination() {
        String email = Fixtures.unique("life") + "@example.com";
        long customer = create("/api/v1/customers", Json.createObjectBuilder().add("email", email)
                .add("full_name", "Ada Lovelace").add("phone", "+441234567").build());
        long plan = create("/api/v1/plans", plan("Starter " + System.nanoTime(), "9.99"));
        String username = username();

        // Day 0: the order and its first invoice, due today
        Api.Reply ordered = api.post("/api/v1/orders", Json.createObjectBuilder().add("customer_id", customer)
                .add("plan_id", plan).add("username", username).build());
        assertThat(ordered.status()).as(ordered.toString()).isEqualTo(201);
        long order = ordered.json().getJsonNumber("id").longValue();
        long service = ordered.json().getJsonNumber("service_id").longValue();
        assertThat(ordered.json().getString("invoice_status")).isEqualTo("unpaid");
        assertThat(body(MAIL.awaitMail(email, "Invoice"))).contains("9.99 USD");

        // Paid, twice: one payment, one account, one welcome email with the password
        Api.Reply pay = api.post("/api/v1/orders/" + order + "/pay", null);
        assertThat(pay.status()).as(pay.toString()).isEqualTo(200);
        assertThat(pay.json().getString("status")).isIn("paid", "active");
        assertThat(api.post("/api/v1/orders/" + order + "/pay", null).status()).isEqualTo(200);
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(api.get("/api/v1/services/" + service).json().getString("status")).isEqualTo("active"));
        long accountId = api.get("/api/v1/services/" + service).json().getJsonNumber("account_id").longValue();
        JsonObject account = account(api, accountId);
        assertThat(account.getString("status")).isEqualTo("active");
        assertThat(sim.accounts()).filteredOn(a -> a.username().equals(username)).hasSize(1);
        long panelUser = account.getJsonNumber("nextpanel_user_id").longValue();
        String welcome = body(MAIL.awaitMail(email, "is ready"));
        assertThat(welcome).contains(username).contains(sim.baseUrl());
        assertThat(sim.passwordMatches(panelUser, passwordIn(welcome))).isTrue();
        assertThat(api.get("/api/v1/orders/" + order).json().getString("status")).isEqualTo("active");
        JsonObject firstInvoice = invoices(service).get(0);
        assertThat(api.get("/api/v1/invoices/" + firstInvoice.getInt("id")).json().getJsonArray("payments")).hasSize(1);
        LocalDate due = LocalDate.parse(api.get("/api/v1/services/" + service).json().getString("next_due_date"));
        assertThat(due).isEqualTo(today().plusMonths(1));

        // 7 days before the due date: the renewal invoice
        advanceTo(due.minusDays(7));
        run();
        run(); // idempotent
        assertThat(invoices(service)).hasSize(2);
        JsonObject renewal = invoices(service).get(0);
        assertThat(renewal.getString("due_date")).isEqualTo(due.toString());
        MAIL.awaitMail(email, renewal.getString("number"));

        // Overdue the day after; suspended once 3 days overdue — two concurrent runs act once
        advanceTo(due.plusDays(1));
        run();
        assertThat(invoices(service).get(0).getString("status")).isEqualTo("overdue");
        assertThat(account(api, accountId).getString("status")).isEqualTo("active");
        advanceTo(due.plusDays(3));
        assertThat(runTwiceAtOnce()).isNotEmpty();
        assertThat(jobsOf(accountId, "suspend")).isEqualTo(1); // two runs at once, one suspension
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(onPanel(panelUser).status()).isEqualTo("suspended"));
        assertThat(onPanel(panelUser).suspensionReason()).isEqualTo("Payment overdue");
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonObject s = api.get("/api/v1/services/" + service).json();
            assertThat(s.getString("status")).isEqualTo("suspended");
            assertThat(s.getBoolean("suspended_for_nonpayment")).isTrue();
        });
        assertThat(account(api, accountId).getString("suspension_cause")).isEqualTo("non_payment");
        assertThat(body(MAIL.awaitMail(email, "has been suspended"))).contains("Payment overdue");

        // Paid by a gateway whose notification arrives twice: one payment, unsuspended, due a month later
        JsonObject notification = Json.createObjectBuilder().add("amount", "9.99").add("method", "card")
                .add("external_reference", "ch_" + System.nanoTime()).build();
        assertThat(api.post("/api/v1/invoices/" + renewal.getInt("id") + "/payments", notification).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/invoices/" + renewal.getInt("id") + "/payments", notification).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/invoices/" + renewal.getInt("id")).json().getJsonArray("payments")).hasSize(1);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(onPanel(panelUser).status()).isEqualTo("active"));
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(api.get("/api/v1/services/" + service).json().getString("status")).isEqualTo("active"));
        assertThat(onPanel(panelUser).suspensionReason()).isNull();
        assertThat(account(api, accountId).isNull("suspension_cause")).isTrue();
        MAIL.awaitMail(email, "is active again");
        LocalDate nextDue = LocalDate.parse(api.get("/api/v1/services/" + service).json().getString("next_due_date"));
        assertThat(nextDue).isEqualTo(due.plusMonths(1));

        // Unpaid again: renewal, overdue, suspended, and terminated after 10 days overdue
        advanceTo(nextDue.minusDays(7));
        run();
        assertThat(invoices(service)).hasSize(3);
        advanceTo(nextDue.plusDays(3));
        run();
        assertThat(jobsOf(accountId, "suspend")).isEqualTo(2);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(onPanel(panelUser).status()).isEqualTo("suspended"));
        assertThat(onPanel(panelUser).suspensionReason()).isEqualTo("Payment overdue");
        // the suspension recorded here too, its job closed: else the run would find a job open and queue no termination
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(account(api, accountId).getString("status")).isEqualTo("suspended"));
        advanceTo(nextDue.plusDays(10));
        run();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(onPanel(panelUser).deleted()).isTrue());
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(api.get("/api/v1/services/" + service).json().getString("status")).isEqualTo("terminated"));
        assertThat(account(api, accountId).getString("status")).isEqualTo("terminated");
        MAIL.awaitMail(email, "has been terminated");
        assertThat(server(api, serverId).getInt("current_accounts")).isZero();
        run();
        assertThat(jobsOf(accountId, "terminate")).isEqualTo(1); // nothing twice
        assertThat(sim.accounts()).noneMatch(a -> a.username().equals(username));
        // The worker's runners wait for the next jobs. They used to end after 1 s without work,
        // and Payara's context reset then logged a SEVERE for each of them: looked at once they
        // have surely been idle that long (a lower bound only, which a loaded machine cannot break).
        await().pollDelay(RUNNERS_IDLE).atMost(PATIENCE).untilAsserted(() ->
                assertThat(TestEnvironment.payaraLog()).doesNotContain("No invocation on invocation stack"));
    }

    @Test
    void cancellationAtTheEndOfThePeriodStopsRenewalsAndTerminatesOnTheDueDate() {
        Active leaver = activeService("leaver", "5.00");

        Api.Reply cancelled = api.post("/api/v1/services/" + leaver.service() + "/cancel",
                Json.createObjectBuilder().add("when", "end_of_period").build());

        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        LocalDate due = LocalDate.parse(cancelled.json().getString("cancel_at"));
        // paid until the due date: the customer keeps the account, working, until then
        advanceTo(due.minusDays(7));
        run();
        assertThat(invoices(leaver.service())).hasSize(1); // no renewal for a service that ends
        assertStillServed(leaver);
        advanceTo(due.minusDays(1));
        run();
        assertStillServed(leaver);

        advanceTo(due);
        run();

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(onPanel(leaver.panelUser()).deleted()).isTrue());
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(api.get("/api/v1/services/" + leaver.service()).json()
                .getString("status")).isEqualTo("terminated"));
        assertThat(account(api, leaver.account()).getString("status")).isEqualTo("terminated");
        assertThat(jobsOf(leaver.account(), "terminate")).isEqualTo(1);
        assertThat(api.post("/api/v1/services/" + leaver.service() + "/cancel",
                Json.createObjectBuilder().add("when", "immediate").build()).status()).isEqualTo(409);
    }

    @Test
    void anImmediateCancellationRemovesTheAccountFromThePanel() {
        Active leaver = activeService("now", "5.00");

        Api.Reply cancelled = api.post("/api/v1/services/" + leaver.service() + "/cancel",
                Json.createObjectBuilder().add("when", "immediate").build());

        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(onPanel(leaver.panelUser()).deleted()).isTrue());
        assertThat(sim.accounts()).noneMatch(a -> a.id() == leaver.panelUser());
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(api.get("/api/v1/services/" + leaver.service()).json()
                .getString("status")).isEqualTo("terminated"));
        assertThat(account(api, leaver.account()).getString("status")).isEqualTo("terminated");
        assertThat(jobsOf(leaver.account(), "terminate")).isEqualTo(1);
    }

    @Test
    void aPaymentLiftsASuspensionForNonPaymentButNotAnOperatorsWithTheSameReason() {
        Active byOperator = activeService("operators", "4.00");
        Active unpaid = activeService("unpaid", "4.00");
        LocalDate due = LocalDate.parse(api.get("/api/v1/services/" + unpaid.service()).json().getString("next_due_date"));
        advanceTo(due.minusDays(7));
        run(); // the renewal invoices

        // the operator's words are the sweep's, the cause is not
        Api.Reply suspended = api.post("/api/v1/nextpanel/accounts/" + byOperator.account() + "/suspend",
                Json.createObjectBuilder().add("reason", OVERDUE).build());
        assertThat(suspended.status()).as(suspended.toString()).isEqualTo(200);
        assertThat(account(api, byOperator.account()).getString("suspension_cause")).isEqualTo("operator");
        advanceTo(due.plusDays(3));
        run(); // suspends the other for non-payment; the operator's stays as it is
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(onPanel(unpaid.panelUser()).status()).isEqualTo("suspended"));
        assertThat(onPanel(unpaid.panelUser()).suspensionReason()).isEqualTo(OVERDUE);
        // recorded here a moment after the panel's answer
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(account(api, unpaid.account()).getString("status")).isEqualTo("suspended"));
        assertThat(account(api, unpaid.account()).getString("suspension_cause")).isEqualTo("non_payment");
        assertThat(jobsOf(byOperator.account(), "suspend")).isEqualTo(1);

        payRenewal(byOperator.service());
        payRenewal(unpaid.service());

        // the non-payment suspension is lifted, on the panel too
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(onPanel(unpaid.panelUser()).status()).isEqualTo("active"));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(api.get("/api/v1/services/" + unpaid.service()).json()
                .getString("status")).isEqualTo("active"));
        assertThat(account(api, unpaid.account()).isNull("suspension_cause")).isTrue();
        // the operator's is not: no unsuspension queued by the payment, nor by the next run
        assertThat(jobsOf(byOperator.account(), "unsuspend")).isZero();
        run();
        assertThat(jobsOf(byOperator.account(), "unsuspend")).isZero();
        assertThat(onPanel(byOperator.panelUser()).status()).isEqualTo("suspended");
        assertThat(onPanel(byOperator.panelUser()).suspensionReason()).isEqualTo(OVERDUE);
        JsonObject operatorsAccount = account(api, byOperator.account());
        assertThat(operatorsAccount.getString("status")).isEqualTo("suspended");
        assertThat(operatorsAccount.getString("suspension_cause")).isEqualTo("operator");
        JsonObject operatorsService = api.get("/api/v1/services/" + byOperator.service()).json();
        assertThat(operatorsService.getString("status")).isEqualTo("suspended");
        assertThat(operatorsService.getBoolean("suspended_for_nonpayment")).isFalse();
        assertThat(invoices(byOperator.service())).allSatisfy(i -> assertThat(i.getString("status")).isEqualTo("paid"));
    }

    @Test
    void aRunLeftUnfinishedByACrashIsTakenOverOnceItsLeaseRunsOutAndActsOnce() throws SQLException {
        Active overdue = overdueForThreeDays("crash");
        long renewal = invoices(overdue.service()).get(0).getJsonNumber("id").longValue();
        // a node started the day's run, marked the invoice overdue and died: its row unfinished, its lease held
        java.time.Instant crashedAt = now();
        long crashedRun;
        try (Connection c = TestEnvironment.connect()) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO automation_run (trigger, node, started_at,"
                    + " business_date) VALUES ('schedule', 'crashed-node', ?, ?) RETURNING id")) {
                s.setObject(1, crashedAt.atOffset(ZoneOffset.UTC));
                s.setObject(2, today());
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    crashedRun = r.getLong(1);
                }
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE scheduler_lease SET holder = 'crashed-node',"
                    + " until = ? WHERE name = 'billing-automation'")) {
                s.setObject(1, crashedAt.plus(Duration.ofMinutes(15)).atOffset(ZoneOffset.UTC));
                assertThat(s.executeUpdate()).isEqualTo(1);
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE invoice SET status = 'overdue' WHERE id = ?")) {
                s.setLong(1, renewal);
                assertThat(s.executeUpdate()).isEqualTo(1);
            }
        }

        // while the dead node's lease lasts, nobody runs the day a second time
        Api.Reply whileHeld = api.post("/api/v1/automation/run", null);
        assertThat(whileHeld.status()).as(whileHeld.toString()).isEqualTo(409);
        assertThat(whileHeld.contentType()).startsWith("application/problem+json");
        assertThat(whileHeld.json().getString("detail")).contains("already under way");
        assertThat(jobsOf(overdue.account(), "suspend")).isZero();

        advance(Duration.ofMinutes(16));
        JsonObject resumed = run();

        assertThat(resumed.getJsonNumber("id").longValue()).isGreaterThan(crashedRun);
        assertThat(resumed.isNull("finished_at")).isFalse();
        assertThat(resumed.getInt("suspended")).isPositive();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(onPanel(overdue.panelUser()).status()).isEqualTo("suspended"));
        assertThat(onPanel(overdue.panelUser()).suspensionReason()).isEqualTo(OVERDUE);
        // and once only: another run finds nothing more to do for it
        run();
        assertThat(jobsOf(overdue.account(), "suspend")).isEqualTo(1);
        assertThat(sim.requests("POST", "/api/v1/billing/accounts/" + overdue.panelUser() + "/suspend")).isEqualTo(1);
        assertThat(TestEnvironment.count("SELECT count(*) FROM scheduler_lease WHERE name = 'billing-automation'"
                + " AND holder IS NULL")).isEqualTo(1); // the run that took over gave the lease back
        // the dead node's run is no longer shown under way: closed as taken over
        JsonObject crashed = api.get("/api/v1/automation/runs?size=100").json().getJsonArray("items")
                .getValuesAs(JsonObject.class).stream().filter(r -> r.getJsonNumber("id").longValue() == crashedRun)
                .findFirst().orElseThrow();
        assertThat(crashed.isNull("finished_at")).isFalse();
        assertThat(crashed.getString("detail")).contains("Did not finish")
                .contains("run " + resumed.getJsonNumber("id").longValue());
    }

    @Test
    void aRunMeetingASuspensionBeingRecordedWaitsForItAndQueuesNoSecondOne() throws SQLException {
        Active overdue = overdueForThreeDays("settling");
        // another node's suspend job for the account, its attempt over and its outcome being recorded
        long settling;
        try (Connection c = TestEnvironment.connect(); PreparedStatement s = c.prepareStatement("INSERT INTO panel_job"
                + " (kind, account_id, status, attempts, max_attempts, next_attempt_at, reason, requested_by, created_at,"
                + " updated_at, suspension_cause, claimed_by, claimed_until) VALUES ('SUSPEND', ?, 'in_progress', 1, 5,"
                + " ?, 'Payment overdue', 'System', ?, ?, 'non_payment', 'other-node', ?) RETURNING id")) {
            java.time.OffsetDateTime at = now().atOffset(ZoneOffset.UTC);
            s.setLong(1, overdue.account());
            s.setObject(2, at);
            s.setObject(3, at);
            s.setObject(4, at);
            s.setObject(5, at.plusHours(1));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                settling = r.getLong(1);
            }
        }

        // the run starts while that outcome (job done, account suspended) is not yet committed
        Api.Reply during = HeldRow.whileHeld(this::runReply, "SELECT s.account_id FROM service s",
                "UPDATE panel_job SET status = 'done', claimed_by = NULL, claimed_until = NULL WHERE id = " + settling,
                "UPDATE hosting_account SET status = 'suspended', suspension_cause = 'non_payment',"
                        + " suspension_reason = 'Payment overdue' WHERE id = " + overdue.account());

        assertThat(during.status()).as(during.toString()).isEqualTo(200);
        assertThat(jobsOf(overdue.account(), "suspend")).as("suspend jobs of the account").isEqualTo(1);
        assertThat(sim.requests("POST", "/api/v1/billing/accounts/" + overdue.panelUser() + "/suspend")).isZero();
    }

    @Test
    void aLowRateLimitMakesTheSweepFinishLaterInsteadOfMeetingRefusals() throws SQLException {
        NextPanelSimulator sim = SIMULATORS.start(); // a panel of its own: the budget is per server
        long budgetServer = registerServer(api, sim, 100);
        onlyActive(api, budgetServer);
        sweepWithinBudget(sim, budgetServer);
    }

    private void sweepWithinBudget(NextPanelSimulator sim, long serverId) throws SQLException {
        long plan = create("/api/v1/plans", plan("Budget " + System.nanoTime(), "2.00"));
        List<Long> services = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long customer = create("/api/v1/customers", Json.createObjectBuilder()
                    .add("email", Fixtures.unique("budget") + "@example.com").add("full_name", "Budget " + i).build());
            long order = api.post("/api/v1/orders", Json.createObjectBuilder().add("customer_id", customer)
                    .add("plan_id", plan).add("username", username()).build()).json().getJsonNumber("id").longValue();
            assertThat(api.post("/api/v1/orders/" + order + "/pay", null).status()).isEqualTo(200);
            services.add(api.get("/api/v1/orders/" + order).json().getJsonNumber("service_id").longValue());
        }
        await().atMost(PATIENCE).untilAsserted(() -> services.forEach(s ->
                assertThat(api.get("/api/v1/services/" + s).json().getString("status")).isEqualTo("active")));
        LocalDate due = LocalDate.parse(api.get("/api/v1/services/" + services.get(0)).json().getString("next_due_date"));
        advanceTo(due.minusDays(7));
        run();
        advanceTo(due.plusDays(3).plusDays(1)); // a fresh hour of panel budget on a new day
        assertThat(api.patch("/api/v1/nextpanel/servers/" + serverId,
                Json.createObjectBuilder().add("rate_limit_per_hour", 3).build()).status()).isEqualTo(200);
        long suspendsBefore = sim.requests("POST", "/api/v1/billing/accounts/");

        assertThat(run().getInt("suspended")).isGreaterThanOrEqualTo(5);

        // three calls this hour, as the server's budget says; the rest wait for the next hour
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(suspendedOf(services)).isEqualTo(3));
        assertThat(sim.requests("POST", "/api/v1/billing/accounts/") - suspendsBefore).isEqualTo(3);
        assertThat(api.get("/api/v1/jobs?kind=suspend&status=pending").body()).contains("budget of 3 calls");
        Api.Reply hourLater = api.post("/api/v1/test-support/clock/advance",
                Json.createObjectBuilder().add("seconds", 3600).build());
        assertThat(hourLater.status()).isEqualTo(200);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(suspendedOf(services)).isEqualTo(5));
        assertThat(sim.requests("POST", "/api/v1/billing/accounts/") - suspendsBefore).isEqualTo(5);
        assertThat(sim.accounts()).hasSize(5).allSatisfy(a -> {
            assertThat(a.status()).isEqualTo("suspended");
            assertThat(a.suspensionReason()).isEqualTo(OVERDUE);
        });
        // the hours gone by leave no budget rows behind: one for the hour we are in
        assertThat(TestEnvironment.count("SELECT count(*) FROM panel_call_budget WHERE server_id = ?", serverId))
                .isEqualTo(1);
    }

    private long suspendedOf(List<Long> services) {
        return services.stream().filter(s -> api.get("/api/v1/services/" + s).json().getString("status")
                .equals("suspended")).count();
    }

    @Test
    void billingRefusesWhatMakesNoSense() {
        long customer = create("/api/v1/customers", Json.createObjectBuilder()
                .add("email", Fixtures.unique("strict") + "@example.com").add("full_name", "Strict").build());
        long plan = create("/api/v1/plans", plan("Strict " + System.nanoTime(), "1.00"));
        Api.Reply order = api.post("/api/v1/orders", Json.createObjectBuilder().add("customer_id", customer)
                .add("plan_id", plan).add("username", username()).build());
        long invoice = order.json().getJsonNumber("invoice_id").longValue();

        assertThat(api.post("/api/v1/plans", Json.createObjectBuilder(plan("Bad", "1.999")).add("billing_cycle", "weekly")
                .add("currency", "usd").build()).json().getJsonArray("errors").getValuesAs(JsonObject.class))
                .extracting(e -> e.getString("field")).contains("price", "billing_cycle", "currency");
        assertThat(api.post("/api/v1/customers", Json.createObjectBuilder().add("email", "no-at-sign")
                .add("full_name", "X").build()).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/orders", Json.createObjectBuilder().add("customer_id", 99_999_999)
                .add("plan_id", plan).add("username", username()).build()).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/invoices/" + invoice + "/payments", Json.createObjectBuilder().add("amount", "1.00")
                .add("currency", "EUR").add("method", "card").add("external_reference", "x" + System.nanoTime())
                .build()).status()).isEqualTo(422);
        assertThat(api.post("/api/v1/invoices/" + invoice + "/payments", Json.createObjectBuilder().add("amount", "-1")
                .add("method", "card").add("external_reference", "y" + System.nanoTime()).build()).status()).isEqualTo(400);
    }

    @Test
    void aCurrencyThatLooksLikeACodeButIsNotIso4217IsRefusedAs400() {
        long customer = create("/api/v1/customers", Json.createObjectBuilder()
                .add("email", Fixtures.unique("iso") + "@example.com").add("full_name", "Iso").build());
        long plan = create("/api/v1/plans", plan("Iso " + System.nanoTime(), "1.00"));
        long invoice = api.post("/api/v1/orders", Json.createObjectBuilder().add("customer_id", customer)
                .add("plan_id", plan).add("username", username()).build()).json().getJsonNumber("invoice_id").longValue();

        Api.Reply newPlan = api.post("/api/v1/plans", Json.createObjectBuilder(plan("Abc " + System.nanoTime(), "1.00"))
                .add("currency", "ABC").build());
        Api.Reply payment = api.post("/api/v1/invoices/" + invoice + "/payments", Json.createObjectBuilder()
                .add("amount", "1.00").add("currency", "ABC").add("method", "card")
                .add("external_reference", "abc" + System.nanoTime()).build());

        for (Api.Reply reply : List.of(newPlan, payment)) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().getString("detail")).isEqualTo("currency: must be an ISO 4217 code such as USD");
        }
    }

    /** The second of two requests that passed the same check at once meets the unique index: a 409, not a 500. */
    @Test
    void aCustomerPlanOrPaymentMadeTwiceAtOnceAnswers409() throws SQLException {
        String email = Fixtures.unique("twice") + "@example.com";
        String planName = "Twice " + System.nanoTime();
        long customer = create("/api/v1/customers", Json.createObjectBuilder()
                .add("email", Fixtures.unique("payer") + "@example.com").add("full_name", "Payer").build());
        long plan = create("/api/v1/plans", plan("Paid twice " + System.nanoTime(), "1.00"));
        long invoice = invoiceOfNewOrder(customer, plan);
        long otherInvoice = invoiceOfNewOrder(customer, plan);
        String reference = "ch_twice_" + System.nanoTime();

        Api.Reply sameEmail = HeldRow.raceAgainst("customer",
                "INSERT INTO customer (email, full_name, created_at) VALUES (?, 'Held', now())",
                () -> api.post("/api/v1/customers", Json.createObjectBuilder().add("email", email.toUpperCase())
                        .add("full_name", "Second").build()), email);
        Api.Reply sameName = HeldRow.raceAgainst("plan", "INSERT INTO plan (name, price, currency, billing_cycle,"
                        + " package_id, created_at) VALUES (?, 1.00, 'USD', 'monthly', 1, now())",
                () -> api.post("/api/v1/plans", plan(planName, "2.00")), planName);
        Api.Reply sameReference = HeldRow.raceAgainst("payment", "INSERT INTO payment (invoice_id, amount, currency,"
                        + " method, external_reference, received_at) VALUES (?, 1.00, 'USD', 'card', ?, now())",
                () -> api.post("/api/v1/invoices/" + invoice + "/payments", Json.createObjectBuilder()
                        .add("amount", "1.00").add("method", "card").add("external_reference", reference).build()),
                otherInvoice, reference);

        assertConflict(sameEmail, "A customer with this email already exists");
        assertConflict(sameName, "A plan with this name already exists");
        assertConflict(sameReference, "A payment with this external reference already exists");
        assertThat(api.get("/api/v1/invoices/" + invoice).json().getJsonArray("payments")).isEmpty();
    }

    // --- helpers ---------------------------------------------------------------------------

    /** A paid order's service, active here and on the panel. */
    private record Active(long service, long account, long panelUser) {
    }

    private Active activeService(String who, String price) {
        long customer = create("/api/v1/customers", Json.createObjectBuilder()
                .add("email", Fixtures.unique(who) + "@example.com").add("full_name", "Customer " + who).build());
        return activeService(customer, create("/api/v1/plans", plan(who + " " + System.nanoTime(), price)));
    }

    private Active activeService(long customer, long plan) {
        Api.Reply ordered = api.post("/api/v1/orders", Json.createObjectBuilder().add("customer_id", customer)
                .add("plan_id", plan).add("username", username()).build());
        assertThat(ordered.status()).as(ordered.toString()).isEqualTo(201);
        long order = ordered.json().getJsonNumber("id").longValue();
        long service = ordered.json().getJsonNumber("service_id").longValue();
        Api.Reply pay = api.post("/api/v1/orders/" + order + "/pay", null);
        assertThat(pay.status()).as(pay.toString()).isEqualTo(200);
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(api.get("/api/v1/services/" + service).json().getString("status")).isEqualTo("active"));
        long accountId = api.get("/api/v1/services/" + service).json().getJsonNumber("account_id").longValue();
        long panelUser = account(api, accountId).getJsonNumber("nextpanel_user_id").longValue();
        assertThat(onPanel(panelUser).status()).isEqualTo("active");
        return new Active(service, accountId, panelUser);
    }

    /** An active service whose renewal invoice went out, now 3 days past its due date (not yet marked overdue). */
    private Active overdueForThreeDays(String who) {
        Active overdue = activeService(who, "3.00");
        LocalDate due = LocalDate.parse(api.get("/api/v1/services/" + overdue.service()).json().getString("next_due_date"));
        advanceTo(due.minusDays(7));
        run();
        advanceTo(due.plusDays(3));
        return overdue;
    }

    /** Active here and on the panel, and nothing queued that would change that. */
    private void assertStillServed(Active served) {
        assertThat(api.get("/api/v1/services/" + served.service()).json().getString("status")).isEqualTo("active");
        assertThat(account(api, served.account()).getString("status")).isEqualTo("active");
        assertThat(jobsOf(served.account(), "terminate")).isZero();
        assertThat(jobsOf(served.account(), "suspend")).isZero();
        SimAccount onPanel = onPanel(served.panelUser());
        assertThat(onPanel.deleted()).isFalse();
        assertThat(onPanel.status()).isEqualTo("active");
    }

    /** Pays the service's newest invoice in full, as a gateway would report it. */
    private void payRenewal(long service) {
        JsonObject renewal = invoices(service).get(0);
        Api.Reply paid = api.post("/api/v1/invoices/" + renewal.getInt("id") + "/payments", Json.createObjectBuilder()
                .add("amount", renewal.getString("total")).add("method", "card")
                .add("external_reference", "ch_" + System.nanoTime()).build());
        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
    }

    private long invoiceOfNewOrder(long customer, long plan) {
        Api.Reply order = api.post("/api/v1/orders", Json.createObjectBuilder().add("customer_id", customer)
                .add("plan_id", plan).add("username", username()).build());
        assertThat(order.status()).as(order.toString()).isEqualTo(201);
        return order.json().getJsonNumber("invoice_id").longValue();
    }

    private static void assertConflict(Api.Reply reply, String detailPart) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(409);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().getString("detail")).contains(detailPart);
    }

    private static JsonObject plan(String name, String price) {
        return Json.createObjectBuilder().add("name", name).add("price", new java.math.BigDecimal(price))
                .add("currency", "USD").add("billing_cycle", "monthly").add("package_id", 1).build();
    }

    private long create(String path, JsonObject body) {
        Api.Reply reply = api.post(path, body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().getJsonNumber("id").longValue();
    }

    private JsonObject run() {
        Api.Reply reply = runReply();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    private Api.Reply runReply() {
        return api.post("/api/v1/automation/run", null);
    }

    private List<JsonObject> runTwiceAtOnce() {
        var first = CompletableFuture.supplyAsync(() -> api.post("/api/v1/automation/run", null));
        var second = CompletableFuture.supplyAsync(() -> api.post("/api/v1/automation/run", null));
        return java.util.stream.Stream.of(first.join(), second.join())
                .peek(r -> assertThat(r.status()).as(r.toString()).isIn(200, 409))
                .filter(r -> r.status() == 200).map(Api.Reply::json).toList();
    }

    private long jobsOf(long accountId, String kind) {
        return api.get("/api/v1/jobs?account_id=" + accountId + "&kind=" + kind).json().getJsonNumber("total").longValue();
    }

    private List<JsonObject> invoices(long service) {
        return api.get("/api/v1/invoices?service_id=" + service).json().getJsonArray("items").getValuesAs(JsonObject.class);
    }

    private LocalDate today() {
        return now().atZone(ZoneOffset.UTC).toLocalDate();
    }

    private java.time.Instant now() {
        return java.time.Instant.parse(api.get("/api/v1/test-support/clock").json().getString("now"));
    }

    private void advance(Duration by) {
        Api.Reply reply = api.post("/api/v1/test-support/clock/advance",
                Json.createObjectBuilder().add("seconds", by.toSeconds()).build());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    }

    private void advanceTo(LocalDate day) {
        long days = ChronoUnit.DAYS.between(today(), day);
        assertThat(days).isNotNegative();
        Api.Reply reply = api.post("/api/v1/test-support/clock/advance",
                Json.createObjectBuilder().add("seconds", days * 86_400).build());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    }

    private SimAccount onPanel(long panelUser) {
        return sim.account(panelUser).orElseThrow();
    }

    private static String passwordIn(String welcome) {
        return Arrays.stream(welcome.split("\\R")).filter(l -> l.toLowerCase().contains("password"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElseThrow();
    }

    private static String body(MimeMessage message) {
        return GreenMailUtil.getBody(message);
    }
}
