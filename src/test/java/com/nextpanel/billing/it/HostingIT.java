package com.nextpanel.billing.it;

import static com.nextpanel.billing.it.Fixtures.account;
import static com.nextpanel.billing.it.Fixtures.onlyActive;
import static com.nextpanel.billing.it.Fixtures.provision;
import static com.nextpanel.billing.it.Fixtures.registerServer;
import static com.nextpanel.billing.it.Fixtures.server;
import static com.nextpanel.billing.it.Fixtures.username;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nextpanel.simulator.NextPanelSimulator;
import com.nextpanel.simulator.SimAccount;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The integration guide's account calls end to end, load balancing and capacity, against simulators over HTTP. */
@ExtendWith(ArquillianExtension.class)
class HostingIT {

    @RegisterExtension
    static final Simulators SIMULATORS = new Simulators();

    @ArquillianResource
    URL deployment;

    Api api;

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.billingWar();
    }

    @BeforeEach
    void connect() {
        api = Api.admin(deployment);
    }

    @Test
    void theIntegrationGuidesAccountCallsWorkVerbatim() {
        NextPanelSimulator sim = SIMULATORS.start();
        long serverId = registerServer(api, sim, 100);
        onlyActive(api, serverId);
        String username = username();

        Api.Reply provisioned = api.post("/api/v1/nextpanel/provision", provision(username));

        assertThat(provisioned.status()).as(provisioned.toString()).isEqualTo(200);
        JsonObject body = provisioned.json();
        assertThat(body.getBoolean("success")).isTrue();
        assertThat(body.getString("username")).isEqualTo(username);
        assertThat(body.getString("server_url")).isEqualTo(sim.baseUrl());
        assertThat(body.getString("server_name")).startsWith("Server ");
        long accountId = body.getJsonNumber("account_id").longValue();
        long panelUserId = body.getJsonNumber("nextpanel_user_id").longValue();
        SimAccount onPanel = sim.account(panelUserId).orElseThrow();
        assertThat(onPanel.username()).isEqualTo(username);
        assertThat(onPanel.status()).isEqualTo("active");
        assertThat(onPanel).extracting(SimAccount::email, SimAccount::fullName, SimAccount::phone, SimAccount::packageId)
                .containsExactly(username + "@example.com", "John Doe", "+1234567890", 1L);
        assertThat(sim.requests("POST", "/api/v1/billing/accounts")).isEqualTo(1);
        assertThat(sim.passwordMatches(panelUserId, "SecurePass123!")).isTrue();
        assertThat(provisioned.body()).doesNotContain("SecurePass123!");
        assertThat(server(api, serverId).getInt("current_accounts")).isEqualTo(1);

        Api.Reply suspended = api.post("/api/v1/nextpanel/accounts/" + accountId + "/suspend",
                Json.createObjectBuilder().add("reason", "Payment overdue").build());
        assertThat(suspended.status()).as(suspended.toString()).isEqualTo(200);
        assertThat(suspended.json().getString("status")).isEqualTo("suspended");
        assertThat(sim.account(panelUserId).orElseThrow().status()).isEqualTo("suspended");
        assertThat(sim.account(panelUserId).orElseThrow().suspensionReason()).isEqualTo("Payment overdue");
        assertThat(account(api, accountId).getString("suspension_reason")).isEqualTo("Payment overdue");

        Api.Reply unsuspended = api.post("/api/v1/nextpanel/accounts/" + accountId + "/unsuspend", null);
        assertThat(unsuspended.status()).as(unsuspended.toString()).isEqualTo(200);
        assertThat(sim.account(panelUserId).orElseThrow().status()).isEqualTo("active");
        assertThat(sim.account(panelUserId).orElseThrow().suspensionReason()).isNull();
        String onPanelPath = "/api/v1/billing/accounts/" + panelUserId;
        assertThat(sim.requests("POST", onPanelPath + "/suspend")).isEqualTo(1);
        assertThat(sim.requests("POST", onPanelPath + "/unsuspend")).isEqualTo(1);

        Api.Reply stats = api.get("/api/v1/nextpanel/accounts/" + accountId + "/stats");
        assertThat(stats.status()).as(stats.toString()).isEqualTo(200);
        assertThat(stats.json().keySet()).contains("user_id", "username", "email", "total_domains", "total_databases",
                "total_email_accounts", "total_ssl_certificates", "storage_used", "last_login", "account_age_days");
        assertThat(stats.json().getJsonNumber("user_id").longValue()).isEqualTo(panelUserId);

        Api.Reply deleted = api.delete("/api/v1/nextpanel/accounts/" + accountId);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertThat(sim.account(panelUserId).orElseThrow().deleted()).isTrue();
        assertThat(sim.accountCount()).isZero();
        assertThat(sim.requests("DELETE", onPanelPath)).isEqualTo(1);
        assertThat(account(api, accountId).getString("status")).isEqualTo("terminated");
        assertThat(server(api, serverId).getInt("current_accounts")).isZero();

        Api.Reply audit = api.get("/api/v1/audit?target_type=account&target_id=" + accountId);
        assertThat(audit.json().getJsonArray("items").getValuesAs(JsonObject.class))
                .extracting(e -> e.getString("action"))
                .containsExactly("account.terminate", "account.unsuspend", "account.suspend", "account.provision");
        assertThat(audit.body()).doesNotContain("SecurePass123!");

        List<String> kindsInOrder = api.get("/api/v1/jobs?account_id=" + accountId).json().getJsonArray("items")
                .getValuesAs(JsonObject.class).stream()
                .sorted(Comparator.comparing(j -> Instant.parse(j.getString("created_at")))) // ids come in per-node blocks
                .map(j -> j.getString("kind")).toList();
        assertThat(kindsInOrder).containsExactly("provision", "suspend", "unsuspend", "terminate");
    }

    @Test
    void suspendTakesTheReasonFromTheQueryOrDefaultsIt() {
        NextPanelSimulator sim = SIMULATORS.start();
        onlyActive(api, registerServer(api, sim, 10));
        JsonObject firstCreated = api.post("/api/v1/nextpanel/provision", provision(username())).json();
        JsonObject secondCreated = api.post("/api/v1/nextpanel/provision", provision(username())).json();
        long first = firstCreated.getInt("account_id");
        long second = secondCreated.getInt("account_id");
        long firstOnPanel = firstCreated.getJsonNumber("nextpanel_user_id").longValue();
        long secondOnPanel = secondCreated.getJsonNumber("nextpanel_user_id").longValue();

        Api.Reply byQuery = api.send("POST", "/api/v1/nextpanel/accounts/" + first + "/suspend?reason=Abuse%20report",
                null, null);
        Api.Reply noBody = api.send("POST", "/api/v1/nextpanel/accounts/" + second + "/suspend", null, null);
        Api.Reply again = api.send("POST", "/api/v1/nextpanel/accounts/" + second + "/suspend", null, null);

        assertThat(byQuery.status()).as(byQuery.toString()).isEqualTo(200);
        assertThat(account(api, first).getString("suspension_reason")).isEqualTo("Abuse report");
        assertThat(noBody.status()).as(noBody.toString()).isEqualTo(200);
        assertThat(account(api, second).getString("suspension_reason")).isEqualTo("Suspended by an administrator");
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.json().getString("detail")).contains("is suspended and cannot be suspended");
        // the reason reaches the panel, and the refused second suspend never called it
        assertThat(sim.account(firstOnPanel).orElseThrow())
                .extracting(SimAccount::status, SimAccount::suspensionReason)
                .containsExactly("suspended", "Abuse report");
        assertThat(sim.account(secondOnPanel).orElseThrow())
                .extracting(SimAccount::status, SimAccount::suspensionReason)
                .containsExactly("suspended", "Suspended by an administrator");
        assertThat(sim.requests("POST", "/api/v1/billing/accounts/" + secondOnPanel + "/suspend")).isEqualTo(1);
    }

    @Test
    void accountsAreListedFilteredAndShown() {
        NextPanelSimulator sim = SIMULATORS.start();
        long serverId = registerServer(api, sim, 10);
        onlyActive(api, serverId);
        String username = username();
        long id = api.post("/api/v1/nextpanel/provision", provision(username)).json().getInt("account_id");

        Api.Reply byServer = api.get("/api/v1/nextpanel/accounts?server_id=" + serverId);
        Api.Reply byName = api.get("/api/v1/nextpanel/accounts?username=" + username + "&status=active");
        Api.Reply one = api.get("/api/v1/nextpanel/accounts/" + id);

        assertThat(byServer.json().getJsonArray("items").getValuesAs(JsonObject.class))
                .extracting(a -> a.getString("username")).containsExactly(username);
        assertThat(byName.json().getJsonNumber("total").longValue()).isEqualTo(1);
        assertThat(one.json().getString("status")).isEqualTo("active");
        assertThat(sim.account(one.json().getJsonNumber("nextpanel_user_id").longValue()).orElseThrow())
                .extracting(SimAccount::username, SimAccount::status).containsExactly(username, "active");
        assertThat(one.json().getJsonNumber("customer_id").longValue()).isEqualTo(123);
        assertThat(one.json().getJsonNumber("order_id").longValue()).isEqualTo(456);
        assertThat(api.get("/api/v1/nextpanel/accounts/99999999").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/nextpanel/accounts?status=sleeping").status()).isEqualTo(400);
    }

    @Test
    void accountListsPageFromEitherEndAndFindAnEmailByItsStart() {
        long serverId = registerServer(api, SIMULATORS.start(), 10);
        onlyActive(api, serverId);
        List<String> names = List.of(username(), username(), username());
        names.forEach(name -> assertThat(api.post("/api/v1/nextpanel/provision", provision(name)).status()).isEqualTo(200));
        String list = "/api/v1/nextpanel/accounts?server_id=" + serverId + "&size=2";

        JsonObject newest = api.get(list).json();
        JsonObject oldest = api.get(list + "&order=asc").json();
        JsonObject second = api.get(list + "&page=2").json();
        JsonObject byEmail = api.get("/api/v1/nextpanel/accounts?email=" + names.get(0).toUpperCase() + "@EXAMPLE").json();

        assertThat(usernames(newest)).containsExactly(names.get(2), names.get(1));
        assertThat(newest.getJsonNumber("total").longValue()).isEqualTo(3);
        assertThat(newest.getBoolean("total_exact")).isTrue();
        assertThat(newest.getBoolean("has_more")).isTrue();
        assertThat(usernames(oldest)).containsExactly(names.get(0), names.get(1));
        assertThat(usernames(second)).containsExactly(names.get(0));
        assertThat(second.getBoolean("has_more")).isFalse();
        assertThat(usernames(byEmail)).containsExactly(names.get(0));
        assertThat(api.get(list + "&order=sideways").status()).isEqualTo(400);
    }

    private static List<String> usernames(JsonObject page) {
        return page.getJsonArray("items").getValuesAs(JsonObject.class).stream().map(a -> a.getString("username")).toList();
    }

    @Test
    void distributionFollowsFreeCapacity() {
        NextPanelSimulator bigPanel = SIMULATORS.start();
        NextPanelSimulator smallPanel = SIMULATORS.start();
        long big = registerServer(api, bigPanel, 10);
        long small = registerServer(api, smallPanel, 5);
        onlyActive(api, big, small);

        for (int i = 0; i < 6; i++) {
            Api.Reply reply = api.post("/api/v1/nextpanel/provision", provision(username()));
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        }

        // 10 free vs 5: the big one until both have 5 free, then the lower utilization (small, 0 %)
        assertThat(server(api, big).getInt("current_accounts")).isEqualTo(5);
        assertThat(server(api, small).getInt("current_accounts")).isEqualTo(1);
        assertThat(bigPanel.accountCount()).isEqualTo(5);
        assertThat(smallPanel.accountCount()).isEqualTo(1);
    }

    @Test
    void aFullFleetIsRefusedClearlyAndNothingIsWritten() {
        NextPanelSimulator sim = SIMULATORS.start();
        long serverId = registerServer(api, sim, 1);
        long inactiveId = registerServer(api, SIMULATORS.start(), 10); // left inactive by onlyActive: the detail names it
        onlyActive(api, serverId);
        assertThat(api.post("/api/v1/nextpanel/provision", provision(username())).status()).isEqualTo(200);
        long accountsBefore = api.get("/api/v1/nextpanel/accounts").json().getJsonNumber("total").longValue();
        long createsBefore = sim.requests("POST", "/api/v1/billing/accounts");

        Api.Reply refused = api.post("/api/v1/nextpanel/provision", provision(username()));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
        assertThat(refused.json().getString("title")).isEqualTo("Server not available");
        assertThat(refused.json().getString("detail"))
                .contains("'" + server(api, serverId).getString("name") + "' is full (1/1)")
                .contains("'" + server(api, inactiveId).getString("name") + "' is inactive");
        assertThat(api.get("/api/v1/nextpanel/accounts").json().getJsonNumber("total").longValue()).isEqualTo(accountsBefore);
        assertThat(sim.requests("POST", "/api/v1/billing/accounts")).isEqualTo(createsBefore);
        assertThat(sim.accountCount()).isEqualTo(1);
    }

    @Test
    void aChosenServerIsUsedAndHeldToTheSameRules() {
        NextPanelSimulator chosenPanel = SIMULATORS.start();
        NextPanelSimulator biggerPanel = SIMULATORS.start();
        NextPanelSimulator inactivePanel = SIMULATORS.start();
        long chosen = registerServer(api, chosenPanel, 10);
        long bigger = registerServer(api, biggerPanel, 50);
        long inactive = registerServer(api, inactivePanel, 50);
        onlyActive(api, chosen, bigger);
        String username = username();

        Api.Reply onChosen = api.post("/api/v1/nextpanel/provision",
                Json.createObjectBuilder(provision(username)).add("server_id", chosen).build());
        Api.Reply onInactive = api.post("/api/v1/nextpanel/provision",
                Json.createObjectBuilder(provision(username())).add("server_id", inactive).build());
        Api.Reply onUnknown = api.post("/api/v1/nextpanel/provision",
                Json.createObjectBuilder(provision(username())).add("server_id", 9_999_999).build());

        assertThat(onChosen.status()).as(onChosen.toString()).isEqualTo(200);
        assertThat(server(api, chosen).getInt("current_accounts")).isEqualTo(1);
        assertThat(onInactive.status()).as(onInactive.toString()).isEqualTo(503);
        assertThat(onInactive.json().getString("detail")).contains("is inactive");
        assertThat(onUnknown.status()).as(onUnknown.toString()).isEqualTo(422);
        // the chosen panel holds the account; the bigger one, which load balancing would pick, and the refused one do not
        assertThat(chosenPanel.accounts()).extracting(SimAccount::username).containsExactly(username);
        assertThat(biggerPanel.accountCount()).isZero();
        assertThat(inactivePanel.accountCount()).isZero();
        assertThat(biggerPanel.requests("POST", "/api/v1/billing/accounts")
                + inactivePanel.requests("POST", "/api/v1/billing/accounts")).isZero();
    }

    @Test
    void aPlansPreferredLocationOrTagPlacesItsAccountsThereEvenWhenAnotherServerHasMoreRoom() throws SQLException {
        String location = Fixtures.unique("EU-West-");
        String tag = Fixtures.unique("nvme-");
        NextPanelSimulator roomy = SIMULATORS.start();
        NextPanelSimulator located = SIMULATORS.start();
        NextPanelSimulator tagged = SIMULATORS.start();
        long roomyId = registerServer(api, roomy, 100);
        long locatedId = placedServer(located, location, "primary");
        long taggedId = placedServer(tagged, "US-East", tag);
        onlyActive(api, roomyId, locatedId, taggedId);
        // Their health probes pause for this test: among servers that meet a plan's wishes equally
        // (here: the plan without any), a placement passes over one whose row is being written at
        // that instant (a probe's result), and takes the runner-up.
        try (Connection db = TestEnvironment.connect(); PreparedStatement later = db.prepareStatement(
                "UPDATE panel_server SET next_probe_at = now() + interval '1 hour' WHERE id IN (?, ?, ?)")) {
            later.setLong(1, roomyId);
            later.setLong(2, locatedId);
            later.setLong(3, taggedId);
            later.executeUpdate();
        }
        String byLocation = username();
        String byTag = username();
        String anywhere = username();

        // the one server in the plan's location is held while its account is placed (as while a
        // probe records its result): the placement waits for it, and takes no server the plan did not ask for
        long locationPlan = plan(location, null, 7);
        long locationService = HeldRow.whileHeld(() -> paidOrder(locationPlan, byLocation),
                "SELECT COUNT(*) FROM panel_server", "UPDATE panel_server SET last_error = last_error WHERE id = " + locatedId);
        long tagService = paidOrder(plan(null, tag, 8), byTag);
        long anywhereService = paidOrder(plan(null, null, 9), anywhere);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                List.of(locationService, tagService, anywhereService)).allSatisfy(service -> assertThat(
                        api.get("/api/v1/services/" + service).json().getString("status")).isEqualTo("active")));
        // the servers with 5 free slots got the plans that asked for them; the one with 100 only the plan without a wish
        assertThat(located.accounts()).extracting(SimAccount::username, SimAccount::packageId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(byLocation, 7L));
        assertThat(tagged.accounts()).extracting(SimAccount::username, SimAccount::packageId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(byTag, 8L));
        assertThat(roomy.accounts()).extracting(SimAccount::username, SimAccount::packageId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(anywhere, 9L));
        assertThat(serverOf(locationService)).isEqualTo(locatedId);
        assertThat(serverOf(tagService)).isEqualTo(taggedId);
        assertThat(serverOf(anywhereService)).isEqualTo(roomyId);
    }

    /** A server with 5 slots (fewer than {@link #registerServer}'s 100) in {@code location}, tagged {@code tag}. */
    private long placedServer(NextPanelSimulator sim, String location, String tag) {
        Api.Reply reply = api.post("/api/v1/nextpanel/servers", Json.createObjectBuilder(
                Fixtures.guideServer(Fixtures.unique("Placed "), sim)).add("capacity", 5).add("location", location)
                .add("tags", Json.createArrayBuilder().add(tag)).build());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().getJsonNumber("server_id").longValue();
    }

    private long plan(String location, String tag, long packageId) {
        var body = Json.createObjectBuilder().add("name", Fixtures.unique("Placed plan ")).add("price", "5.00")
                .add("currency", "USD").add("billing_cycle", "monthly").add("package_id", packageId);
        if (location != null) {
            body.add("preferred_location", location);
        }
        if (tag != null) {
            body.add("preferred_tag", tag);
        }
        Api.Reply reply = api.post("/api/v1/plans", body.build());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().getJsonNumber("id").longValue();
    }

    /** Orders the plan for a new customer and pays it; answers the service. */
    private long paidOrder(long plan, String username) {
        Api.Reply customer = api.post("/api/v1/customers", Json.createObjectBuilder()
                .add("email", username + "@example.com").add("full_name", "Placed Customer").build());
        assertThat(customer.status()).as(customer.toString()).isEqualTo(201);
        Api.Reply order = api.post("/api/v1/orders", Json.createObjectBuilder()
                .add("customer_id", customer.json().getJsonNumber("id").longValue()).add("plan_id", plan)
                .add("username", username).build());
        assertThat(order.status()).as(order.toString()).isEqualTo(201);
        Api.Reply paid = api.post("/api/v1/orders/" + order.json().getJsonNumber("id").longValue() + "/pay", null);
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        return order.json().getJsonNumber("service_id").longValue();
    }

    private long serverOf(long service) {
        long accountId = api.get("/api/v1/services/" + service).json().getJsonNumber("account_id").longValue();
        return account(api, accountId).getJsonNumber("server_id").longValue();
    }

    @Test
    void twoHundredConcurrentProvisionsIntoFiftySlotsMakeExactlyFiftyAccounts() throws Exception {
        NextPanelSimulator a = SIMULATORS.start();
        NextPanelSimulator b = SIMULATORS.start();
        long first = registerServer(api, a, 30);
        long second = registerServer(api, b, 20);
        onlyActive(api, first, second);

        int created = 0;
        int refused = 0;
        Map<Long, String> requestOfAccount = new HashMap<>();
        for (Api.Reply reply : provisionAtOnce(Stream.generate(Fixtures::username).limit(200).toList(), 50)) {
            if (reply.status() == 200) {
                created++;
                requestOfAccount.put(reply.json().getJsonNumber("account_id").longValue(),
                        reply.header("X-Request-Id"));
            } else if (reply.status() == 503) {
                refused++;
            } else {
                throw new AssertionError("Unexpected answer: " + reply);
            }
        }

        assertThat(created).isEqualTo(50);
        assertThat(refused).isEqualTo(150);
        assertThat(a.accountCount() + b.accountCount()).isEqualTo(50);
        assertThat(a.accountCount()).isEqualTo(30);
        assertThat(b.accountCount()).isEqualTo(20);
        assertThat(server(api, first).getInt("current_accounts")).isEqualTo(30);
        assertThat(server(api, second).getInt("current_accounts")).isEqualTo(20);
        // each audit line names the request that provisioned its account
        requestOfAccount.forEach((accountId, requestId) -> {
            JsonObject line = api.get("/api/v1/audit?action=account.provision&target_type=account&target_id="
                    + accountId).json().getJsonArray("items").getJsonObject(0);
            assertThat(line.getString("actor")).isEqualTo("admin");
            assertThat(line.getString("request_id")).isEqualTo(requestId);
        });
    }

    @Test
    void aUsernameInUseIsRefusedBeforeAnyPanelCall() {
        NextPanelSimulator sim = SIMULATORS.start();
        onlyActive(api, registerServer(api, sim, 10));
        String username = username();
        assertThat(api.post("/api/v1/nextpanel/provision", provision(username)).status()).isEqualTo(200);
        long creates = sim.requests("POST", "/api/v1/billing/accounts");

        Api.Reply again = api.post("/api/v1/nextpanel/provision", provision(username));

        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.json().getString("detail")).contains("already in use");
        assertThat(sim.requests("POST", "/api/v1/billing/accounts")).isEqualTo(creates);
        assertThat(sim.accounts()).extracting(SimAccount::username).containsExactly(username);
    }

    @Test
    void oneUsernameRequestedManyTimesAtOnceMakesOneAccount() throws Exception {
        NextPanelSimulator sim = SIMULATORS.start();
        long serverId = registerServer(api, sim, 50);
        onlyActive(api, serverId);
        String username = username();

        Map<Integer, Integer> byStatus = new HashMap<>();
        for (Api.Reply answer : provisionAtOnce(Collections.nCopies(20, username), 20)) {
            byStatus.merge(answer.status(), 1, Integer::sum);
            if (answer.status() == 409) {
                assertThat(answer.json().getString("detail")).as(answer.toString()).contains(username);
            }
        }

        // the same username at the same moment: one account, the others refused before any panel call
        assertThat(byStatus).containsOnly(Map.entry(200, 1), Map.entry(409, 19));
        assertThat(sim.accountCount()).isEqualTo(1);
        assertThat(sim.requests("POST", "/api/v1/billing/accounts")).isEqualTo(1);
        assertThat(server(api, serverId).getInt("current_accounts")).isEqualTo(1);
        assertThat(api.get("/api/v1/nextpanel/accounts?username=" + username).json().getJsonNumber("total")
                .longValue()).isEqualTo(1);
    }

    @Test
    void thePanelsOwnRefusalFailsTheAccountAndFreesTheSlot() throws Exception {
        NextPanelSimulator sim = SIMULATORS.start();
        long serverId = registerServer(api, sim, 10);
        onlyActive(api, serverId);
        String username = username();
        createDirectlyOnPanel(sim, username); // someone made it on the panel behind our back

        Api.Reply reply = api.post("/api/v1/nextpanel/provision", provision(username));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(409);
        assertThat(reply.json().getString("title")).isEqualTo("Account creation failed");
        assertThat(reply.json().getString("detail")).contains("Username already exists");
        long accountId = reply.json().getJsonNumber("account_id").longValue();
        assertThat(account(api, accountId).getString("status")).isEqualTo("failed");
        assertThat(server(api, serverId).getInt("current_accounts")).isZero();
        // the panel keeps only the account made behind our back, untouched
        assertThat(sim.accounts()).singleElement().satisfies(a -> {
            assertThat(a.username()).isEqualTo(username);
            assertThat(a.email()).isEqualTo(username + "@elsewhere.example");
            assertThat(a.status()).isEqualTo("active");
        });
        assertThat(sim.requests("POST", "/api/v1/billing/accounts")).isEqualTo(2);
    }

    /** FastAPI's 422 echoes the request, password included, as "input": only where and what are kept. */
    @Test
    void aPanelRefusalThatEchoesTheRequestKeepsThePasswordOutOfEveryRecordAndAnswer() throws Exception {
        NextPanelSimulator sim = SIMULATORS.start();
        long serverId = registerServer(api, sim, 10);
        onlyActive(api, serverId);
        String password = provision("x").getString("password");
        sim.rejectNextEchoingInput(1);

        Api.Reply reply = api.post("/api/v1/nextpanel/provision", provision(username()));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(422);
        assertThat(reply.json().getString("detail")).contains("body.plan: Field required");
        long accountId = reply.json().getJsonNumber("account_id").longValue();
        String answers = reply.body() + api.get("/api/v1/jobs?account_id=" + accountId).body()
                + api.get("/api/v1/nextpanel/accounts/" + accountId).body() + api.get("/api/v1/audit?size=500").body()
                + api.get("/api/v1/nextpanel/servers/" + serverId).body();
        assertThat(answers).contains("body.plan: Field required").doesNotContain(password);
        assertThat(sim.accountCount()).isZero();
        for (String column : List.of("panel_job.last_error", "hosting_account.failure_reason", "audit_log.detail",
                "panel_server.last_error")) {
            String[] tableAndColumn = column.split("\\.");
            assertThat(TestEnvironment.count("SELECT count(*) FROM " + tableAndColumn[0] + " WHERE " + tableAndColumn[1]
                    + " LIKE ?", "%" + password + "%")).as(column).isZero();
        }
        assertThat(TestEnvironment.payaraLog()).doesNotContain(password);
    }

    @Test
    void aCreateAnsweredWithoutAnIdIsAnUnknownOutcomeNeverCreatedTwice() {
        NextPanelSimulator sim = SIMULATORS.start();
        onlyActive(api, registerServer(api, sim, 10));
        sim.answerNextCreatesWithoutId(1);
        String username = username();

        Api.Reply reply = api.post("/api/v1/nextpanel/provision", provision(username));

        assertThat(reply.status()).as(reply.toString()).isNotEqualTo(200);
        long accountId = reply.json().getJsonNumber("account_id").longValue();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.get("/api/v1/jobs?account_id="
                + accountId).json().getJsonArray("items").getJsonObject(0).getString("status"))
                .isEqualTo("needs_attention"));
        JsonObject job = api.get("/api/v1/jobs?account_id=" + accountId).json().getJsonArray("items").getJsonObject(0);
        assertThat(job.getBoolean("outcome_unknown")).isTrue();
        assertThat(job.getString("last_error")).contains("without the account's id", "look the account up on the panel");
        // the account says so too, in the list and on its own, with what to check on the panel
        JsonObject shown = account(api, accountId);
        assertThat(shown.getString("status")).isEqualTo("pending");
        assertThat(shown.getString("needs_attention")).contains("look the account up on the panel");
        assertThat(api.get("/api/v1/nextpanel/accounts?username=" + username).json().getJsonArray("items")
                .getJsonObject(0).getString("needs_attention")).contains("without the account's id");
        // one create, and the panel's one account: no retry made an orphan or a duplicate
        assertThat(sim.requests("POST", "/api/v1/billing/accounts")).isEqualTo(1);
        assertThat(sim.accounts()).extracting(a -> a.username()).containsExactly(username);
    }

    @Test
    void badInputCreatesNothingAnywhere() {
        NextPanelSimulator sim = SIMULATORS.start();
        onlyActive(api, registerServer(api, sim, 10));
        long accountsBefore = api.get("/api/v1/nextpanel/accounts").json().getJsonNumber("total").longValue();
        JsonObject bad = Json.createObjectBuilder(provision("9Bad-Name"))
                .add("email", "not-an-email").add("password", "short").add("customer_id", -4).build();

        Api.Reply reply = api.post("/api/v1/nextpanel/provision", bad);
        Api.Reply weak = api.post("/api/v1/nextpanel/provision",
                Json.createObjectBuilder(provision(username())).add("password", "alllowercaseletters").build());
        Api.Reply wrongType = api.send("POST", "/api/v1/nextpanel/provision",
                provision(username()).toString().replace("\"package_id\":1", "\"package_id\":\"gold\""), "application/json");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.json().getJsonArray("errors").getValuesAs(JsonObject.class))
                .extracting(e -> e.getString("field")).contains("username", "email", "password", "customer_id");
        assertThat(reply.body()).doesNotContain("short");
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.body()).doesNotContain("alllowercaseletters");
        assertThat(wrongType.status()).as(wrongType.toString()).isEqualTo(400);
        assertThat(sim.requests("POST", "/api/v1/billing/accounts")).isZero();
        assertThat(sim.accountCount()).isZero();
        assertThat(api.get("/api/v1/nextpanel/accounts").json().getJsonNumber("total").longValue()).isEqualTo(accountsBefore);
    }

    static void createDirectlyOnPanel(NextPanelSimulator sim, String username) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(sim.baseUrl() + "/api/v1/billing/accounts"))
                .header("Content-Type", "application/json")
                .header("X-API-Key", sim.apiKey())
                .header("X-API-Secret", sim.apiSecret())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder()
                        .add("username", username).add("email", username + "@elsewhere.example")
                        .add("password", "Other-Pass-123").build().toString()))
                .build();
        var response = java.net.http.HttpClient.newHttpClient().send(request,
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
    }

    /** Sends a provision for each username, {@code clients} at a time, and answers the replies in the same order. */
    private List<Api.Reply> provisionAtOnce(List<String> usernames, int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Api.Reply>> sent = new ArrayList<>();
            for (String username : usernames) {
                sent.add(pool.submit(() -> api.post("/api/v1/nextpanel/provision", provision(username))));
            }
            List<Api.Reply> replies = new ArrayList<>();
            for (Future<Api.Reply> reply : sent) {
                replies.add(reply.get());
            }
            return replies;
        } finally {
            pool.shutdown();
        }
    }
}
