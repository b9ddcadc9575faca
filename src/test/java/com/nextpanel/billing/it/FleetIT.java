package com.nextpanel.billing.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nextpanel.launch.FreePorts;
import com.nextpanel.simulator.NextPanelSimulator;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The integration guide's server calls and the fleet's refusals, against real simulators over HTTP. */
@ExtendWith(ArquillianExtension.class)
class FleetIT {

    private static final AtomicInteger NAMES = new AtomicInteger();
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

    static String uniqueName() {
        return "NextPanel Server " + NAMES.incrementAndGet() + "-" + System.nanoTime() % 100000;
    }

    long register(NextPanelSimulator sim) {
        Api.Reply reply = api.post("/api/v1/nextpanel/servers", Fixtures.guideServer(uniqueName(), sim));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().getJsonNumber("server_id").longValue();
    }

    static void assertNoSecret(Api.Reply reply, NextPanelSimulator sim) {
        assertThat(reply.body()).doesNotContain(sim.apiSecret()).doesNotContain(sim.apiKey());
    }

    @Test
    void addServerAnswersAsTheIntegrationGuideSays() {
        NextPanelSimulator sim = SIMULATORS.start();
        String name = uniqueName();

        Api.Reply reply = api.post("/api/v1/nextpanel/servers", Fixtures.guideServer(name, sim));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        JsonObject body = reply.json();
        assertThat(body.getString("message")).isEqualTo("Server added successfully");
        assertThat(body.getString("name")).isEqualTo(name);
        assertThat(body.getString("url")).isEqualTo(sim.baseUrl());
        long id = body.getJsonNumber("server_id").longValue();
        assertThat(body.getJsonNumber("id").longValue()).isEqualTo(id);
        assertThat(body.getInt("capacity")).isEqualTo(100);
        assertThat(body.getInt("current_accounts")).isZero();
        assertThat(body.getBoolean("is_online")).isTrue();
        assertThat(body.getString("location")).isEqualTo("US-East");
        assertThat(body.getJsonArray("tags").getValuesAs(jakarta.json.JsonString::getString))
                .containsExactly("primary", "managed");
        assertThat(body.getString("api_key_hint")).startsWith(sim.apiKey().substring(0, 6)).contains("…");
        assertThat(body).doesNotContainKeys("api_key", "api_secret");
        assertNoSecret(reply, sim);
        assertThat(reply.header("Location")).endsWith("/api/v1/nextpanel/servers/" + id);
    }

    @Test
    void addServerRefusesAnUnreachablePanelAndSavesNothing() throws Exception {
        int closedPort = FreePorts.any();
        String name = uniqueName();
        JsonObject body = Json.createObjectBuilder(Fixtures.guideServer(name, SIMULATORS.start()))
                .add("base_url", "http://127.0.0.1:" + closedPort).build();

        Api.Reply reply = api.post("/api/v1/nextpanel/servers", body);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(422);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().getString("detail")).startsWith("Failed to connect to NextPanel server");
        assertThat(api.get("/api/v1/nextpanel/servers").body()).doesNotContain(name);
    }

    @Test
    void addServerRefusesWrongCredentialsWithThePanelsReason() {
        NextPanelSimulator sim = SIMULATORS.start();
        String name = uniqueName();
        JsonObject body = Json.createObjectBuilder(Fixtures.guideServer(name, sim)).add("api_secret", "nps_wrong").build();

        Api.Reply reply = api.post("/api/v1/nextpanel/servers", body);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(422);
        assertThat(reply.json().getString("detail")).contains("rejected the API credentials")
                .contains("Invalid API credentials");
        assertThat(api.get("/api/v1/nextpanel/servers").body()).doesNotContain(name);
    }

    @Test
    void addServerRefusesADuplicateNameWithoutCallingThePanel() {
        NextPanelSimulator sim = SIMULATORS.start();
        String name = uniqueName();
        Api.Reply registered = api.post("/api/v1/nextpanel/servers", Fixtures.guideServer(name, sim));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        // the timer's probes of the new server would count as calls too
        Fixtures.probedOnlyOnRefresh(registered.json().getJsonNumber("server_id").longValue(), sim);
        long healthCallsBefore = sim.requests("GET", "/api/health");

        Api.Reply reply = api.post("/api/v1/nextpanel/servers", Fixtures.guideServer(name.toUpperCase(), sim));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(409);
        assertThat(reply.json().getString("detail")).contains("already exists");
        assertThat(sim.requests("GET", "/api/health")).isEqualTo(healthCallsBefore);
    }

    @Test
    void addServerValidatesEveryFieldBeforeCallingAnything() {
        NextPanelSimulator sim = SIMULATORS.start();
        JsonObject body = Json.createObjectBuilder(Fixtures.guideServer(" ", sim))
                .add("base_url", "ftp://nowhere")
                .add("capacity", 0)
                .remove("api_secret")
                .build();

        Api.Reply reply = api.post("/api/v1/nextpanel/servers", body);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().getJsonArray("errors").getValuesAs(JsonObject.class))
                .extracting(e -> e.getString("field"))
                .contains("name", "base_url", "capacity", "api_secret");
        assertThat(sim.requests("GET", "/")).isZero();
    }

    @Test
    void listsAndShowsServersWithoutSecrets() {
        NextPanelSimulator sim = SIMULATORS.start();
        long id = register(sim);

        Api.Reply list = api.get("/api/v1/nextpanel/servers");
        Api.Reply one = api.get("/api/v1/nextpanel/servers/" + id);

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.array().getValuesAs(JsonObject.class)).anySatisfy(s -> assertThat(s.getInt("id")).isEqualTo((int) id));
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().getString("base_url")).isEqualTo(sim.baseUrl());
        assertNoSecret(list, sim);
        assertNoSecret(one, sim);
        assertThat(api.get("/api/v1/nextpanel/servers/999999").status()).isEqualTo(404);
    }

    @Test
    void editChangesOnlyTheFieldsSent() {
        long id = register(SIMULATORS.start());

        Api.Reply reply = api.patch("/api/v1/nextpanel/servers/" + id, Json.createObjectBuilder()
                .add("capacity", 250).add("location", "EU-West").add("is_active", false)
                .add("rate_limit_per_hour", 500).add("description", JsonValue.NULL).build());

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonObject server = reply.json();
        assertThat(server.getInt("capacity")).isEqualTo(250);
        assertThat(server.getString("location")).isEqualTo("EU-West");
        assertThat(server.getBoolean("is_active")).isFalse();
        assertThat(server.getInt("rate_limit_per_hour")).isEqualTo(500);
        assertThat(server.isNull("description")).isTrue();
        assertThat(server.getJsonArray("tags")).hasSize(2);
    }

    @Test
    void editRefusesBadValuesAndCredentialFields() {
        long id = register(SIMULATORS.start());

        Api.Reply reply = api.patch("/api/v1/nextpanel/servers/" + id, Json.createObjectBuilder()
                .add("capacity", -1).add("api_secret", "x").add("is_active", "yes").build());

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.json().getJsonArray("errors").getValuesAs(JsonObject.class))
                .extracting(e -> e.getString("field")).contains("capacity", "api_secret", "is_active");
        assertThat(api.get("/api/v1/nextpanel/servers/" + id).json().getInt("capacity")).isEqualTo(100);
    }

    @Test
    void capacityNeverDropsBelowTheAccountsOnTheServer() throws Exception {
        long id = register(SIMULATORS.start());
        placeAccounts(id, 40); // stands in for provisioned accounts until the hosting component places them

        Api.Reply refused = api.patch("/api/v1/nextpanel/servers/" + id, Json.createObjectBuilder().add("capacity", 39).build());
        Api.Reply accepted = api.patch("/api/v1/nextpanel/servers/" + id, Json.createObjectBuilder().add("capacity", 40).build());

        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.json().getString("detail")).contains("below the 40 accounts");
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.json().getJsonNumber("utilization").doubleValue()).isEqualTo(100.0);
    }

    @Test
    void removeIsRefusedWhileTheServerHoldsAccounts() throws Exception {
        long id = register(SIMULATORS.start());
        placeAccounts(id, 1);

        Api.Reply reply = api.delete("/api/v1/nextpanel/servers/" + id);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(409);
        assertThat(reply.json().getString("detail")).contains("still holds 1 account:");
        assertThat(api.get("/api/v1/nextpanel/servers/" + id).status()).isEqualTo(200);
    }

    @Test
    void removedServerIsGoneAndFreesItsName() {
        NextPanelSimulator sim = SIMULATORS.start();
        String name = uniqueName();
        long id = api.post("/api/v1/nextpanel/servers", Fixtures.guideServer(name, sim)).json().getInt("server_id");

        Api.Reply reply = api.delete("/api/v1/nextpanel/servers/" + id);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(api.get("/api/v1/nextpanel/servers/" + id).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/nextpanel/servers/" + id).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/nextpanel/servers", Fixtures.guideServer(name, sim)).status()).isEqualTo(201);
    }

    @Test
    void credentialRotationTestsTheNewPairBeforeItReplacesTheOld() {
        NextPanelSimulator sim = SIMULATORS.start();
        long id = register(sim);
        String oldHint = api.get("/api/v1/nextpanel/servers/" + id).json().getString("api_key_hint");

        Api.Reply wrong = api.put("/api/v1/nextpanel/servers/" + id + "/credentials", Json.createObjectBuilder()
                .add("api_key", "npk_rotated_000000000001").add("api_secret", "nps_rotated_secret").build());
        assertThat(wrong.status()).as(wrong.toString()).isEqualTo(422);
        assertThat(api.get("/api/v1/nextpanel/servers/" + id).json().getString("api_key_hint")).isEqualTo(oldHint);

        sim.addCredentials("npk_rotated_000000000001", "nps_rotated_secret");
        Api.Reply rotated = api.put("/api/v1/nextpanel/servers/" + id + "/credentials", Json.createObjectBuilder()
                .add("api_key", "npk_rotated_000000000001").add("api_secret", "nps_rotated_secret").build());

        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        assertThat(rotated.json().getString("api_key_hint")).isEqualTo("npk_ro…01");
        assertThat(rotated.body()).doesNotContain("nps_rotated_secret");

        // proven on the panel: with the old key revoked there, a provision still lands, so it used the new pair
        // no timer probe that read the old pair before the rotation may still be on its way
        Fixtures.probedOnlyOnRefresh(id, sim);
        sim.revoke(sim.apiKey());
        Fixtures.onlyActive(api, id);
        String username = Fixtures.username();
        Api.Reply provisioned = api.post("/api/v1/nextpanel/provision", Fixtures.provision(username));
        assertThat(provisioned.status()).as(provisioned.toString()).isEqualTo(200);
        long panelUserId = provisioned.json().getJsonNumber("nextpanel_user_id").longValue();
        assertThat(sim.account(panelUserId).orElseThrow().username()).isEqualTo(username);
        String onPanel = "/api/v1/billing/accounts/" + panelUserId;
        var withOldKey = Fixtures.panelGet(sim, onPanel, sim.apiKey(), sim.apiSecret());
        assertThat(withOldKey.statusCode()).isEqualTo(401);
        assertThat(withOldKey.body()).contains("API key has been revoked");
        assertThat(Fixtures.panelGet(sim, onPanel, "npk_rotated_000000000001", "nps_rotated_secret").statusCode())
                .isEqualTo(200);
    }

    @Test
    void connectionTestReportsWithoutSaving() {
        NextPanelSimulator sim = SIMULATORS.start();
        JsonObject good = Json.createObjectBuilder().add("base_url", sim.baseUrl()).add("api_key", sim.apiKey())
                .add("api_secret", sim.apiSecret()).build();
        JsonObject bad = Json.createObjectBuilder(good).add("api_key", "npk_revoked_or_wrong").build();
        int before = api.get("/api/v1/nextpanel/servers").array().size();

        Api.Reply ok = api.post("/api/v1/nextpanel/servers/test", good);
        Api.Reply refused = api.post("/api/v1/nextpanel/servers/test", bad);

        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().getBoolean("success")).isTrue();
        assertThat(ok.json().getBoolean("authenticated")).isTrue();
        assertThat(refused.json().getBoolean("success")).isFalse();
        assertThat(refused.json().getBoolean("reachable")).isTrue();
        assertThat(refused.json().getString("detail")).contains("Invalid API credentials");
        assertNoSecret(ok, sim);
        assertThat(api.get("/api/v1/nextpanel/servers").array()).hasSize(before);
    }

    @Test
    void statusAnswersWithTheIntegrationGuidesFields() {
        NextPanelSimulator sim = SIMULATORS.start();
        long id = register(sim);

        Api.Reply reply = api.get("/api/v1/nextpanel/servers/status");

        assertThat(reply.status()).isEqualTo(200);
        JsonObject row = reply.array().getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getString("server_id").equals(String.valueOf(id))).findFirst().orElseThrow();
        assertThat(row.keySet()).contains("server_id", "name", "url", "is_active", "is_online", "current_accounts",
                "capacity", "utilization");
        assertThat(row.getString("url")).isEqualTo(sim.baseUrl());
        assertThat(row.getBoolean("is_online")).isTrue();
        assertThat(row.getString("health")).isEqualTo("online");
        assertThat(row.getJsonNumber("utilization").doubleValue()).isEqualTo(0.0);
    }

    @Test
    void refreshDoesNotWaitForHungServers() {
        List<NextPanelSimulator> hung = List.of(SIMULATORS.start(), SIMULATORS.start(), SIMULATORS.start());
        hung.forEach(this::register);
        hung.forEach(sim -> sim.setHang(true));
        try {
            Api.Reply reply = api.get("/api/v1/nextpanel/servers/status?refresh=true");
            // every hung panel still holds a probe: the answer gave up on them rather than waiting
            // (how soon it answers is a speed limit: bench P1)
            assertThat(hung).allSatisfy(sim -> assertThat(sim.inFlight()).isGreaterThanOrEqualTo(1));

            assertThat(reply.status()).isEqualTo(200);
            for (NextPanelSimulator sim : hung) {
                JsonObject row = reply.array().getValuesAs(JsonObject.class).stream()
                        .filter(s -> s.getString("url").equals(sim.baseUrl())).findFirst().orElseThrow();
                assertThat(row.getInt("consecutive_failures")).isPositive();
                // a panel that did not answer its latest probe is not shown as online
                assertThat(row.getBoolean("is_online")).as(row.toString()).isFalse();
                assertThat(row.getString("health")).as(row.toString()).isIn("failing", "offline");
            }
        } finally {
            hung.forEach(sim -> sim.setHang(false));
        }
    }

    @Test
    void aBurstOfRefreshesSharesOneProbeRoundInsteadOfPilingUpProbes() {
        NextPanelSimulator sim = SIMULATORS.start();
        long id = register(sim);
        Fixtures.probedOnlyOnRefresh(id);
        sim.setLatency(Duration.ofMillis(800)); // a round takes most of the 1-s probe timeout: the burst meets one
        ExecutorService burstThreads = Executors.newFixedThreadPool(20);
        try {
            long probesBefore = sim.requests("GET", "/api/health");
            List<CompletableFuture<Api.Reply>> burst = IntStream.range(0, 20)
                    .mapToObj(i -> CompletableFuture.supplyAsync(
                            () -> api.get("/api/v1/nextpanel/servers/status?refresh=true"), burstThreads))
                    .toList();

            for (CompletableFuture<Api.Reply> reply : burst) {
                assertThat(reply.join().status()).isEqualTo(200);
            }
            // 20 refreshes, a round or two of probes (those arriving after the first round ended start one more)
            assertThat(sim.requests("GET", "/api/health") - probesBefore).isBetween(1L, 4L);
            assertThat(Fixtures.server(api, id).getString("health")).isEqualTo("online");
        } finally {
            sim.setLatency(Duration.ZERO);
            burstThreads.shutdownNow();
        }
    }

    @Test
    void aPanelRefusingConnectionsIsFailingRightAfterOneRefresh() {
        NextPanelSimulator sim = SIMULATORS.start();
        long id = register(sim);
        Fixtures.probedOnlyOnRefresh(id);
        sim.refuseConnections(true);
        try {
            Api.Reply reply = api.get("/api/v1/nextpanel/servers/status?refresh=true");

            assertThat(reply.status()).isEqualTo(200);
            JsonObject row = reply.array().getValuesAs(JsonObject.class).stream()
                    .filter(s -> s.getString("server_id").equals(String.valueOf(id))).findFirst().orElseThrow();
            // failing, not yet offline: 1 failure (2 if a timer probe was already under way), the threshold is 3
            assertThat(row.getBoolean("is_online")).as(row.toString()).isFalse();
            assertThat(row.getString("health")).as(row.toString()).isEqualTo("failing");
            assertThat(row.getInt("consecutive_failures")).isBetween(1, 2);
            assertThat(row.getString("last_error")).contains("Failed to connect");
            JsonObject server = api.get("/api/v1/nextpanel/servers/" + id).json();
            assertThat(server.getBoolean("is_online")).isFalse();
            assertThat(server.getString("health")).isEqualTo("failing");
            assertThat(api.get("/api/v1/nextpanel/servers").array().getValuesAs(JsonObject.class).stream()
                    .filter(s -> s.getJsonNumber("id").longValue() == id).findFirst().orElseThrow()
                    .getString("health")).isEqualTo("failing");
            // no offline alert yet: that waits for the threshold, against flapping
            assertThat(api.get("/api/v1/alerts?status=open&size=500").body())
                    .doesNotContain("Server '" + server.getString("name") + "' is offline");
        } finally {
            sim.refuseConnections(false);
        }
    }

    @Test
    void aFailingServerGetsNoNewAccountUntilAProbeSucceeds() {
        NextPanelSimulator sim = SIMULATORS.start();
        long id = Fixtures.registerServer(api, sim, 10);
        String name = Fixtures.server(api, id).getString("name");
        Fixtures.probedOnlyOnRefresh(id);
        Fixtures.onlyActive(api, id);
        sim.refuseConnections(true);
        api.get("/api/v1/nextpanel/servers/status?refresh=true");
        sim.refuseConnections(false); // the panel is back, but no probe has said so yet

        Api.Reply best = api.post("/api/v1/nextpanel/provision", Fixtures.provision(Fixtures.username()));
        Api.Reply chosen = api.post("/api/v1/nextpanel/provision",
                Json.createObjectBuilder(Fixtures.provision(Fixtures.username())).add("server_id", id).build());

        for (Api.Reply refused : List.of(best, chosen)) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
            assertThat(refused.json().getString("title")).isEqualTo("Server not available");
            assertThat(refused.json().getString("detail"))
                    .contains("'" + name + "' is failing its health probes (");
        }
        assertThat(Fixtures.server(api, id).getInt("current_accounts")).isZero();
        assertThat(sim.requests("POST", "/api/v1/billing/accounts")).isZero();
        assertThat(sim.accountCount()).isZero();

        api.get("/api/v1/nextpanel/servers/status?refresh=true");

        assertThat(Fixtures.server(api, id).getString("health")).isEqualTo("online");
        Api.Reply placed = api.post("/api/v1/nextpanel/provision",
                Json.createObjectBuilder(Fixtures.provision(Fixtures.username())).add("server_id", id).build());
        assertThat(placed.status()).as(placed.toString()).isEqualTo(200);
        assertThat(Fixtures.server(api, id).getInt("current_accounts")).isEqualTo(1);
        assertThat(sim.accounts()).extracting(a -> a.id())
                .containsExactly(placed.json().getJsonNumber("nextpanel_user_id").longValue());
    }

    @Test
    void probesTakeAServerOfflineAfterRepeatedFailuresAndBackOnline() {
        NextPanelSimulator sim = SIMULATORS.start();
        long id = register(sim);

        sim.refuseConnections(true);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonObject server = api.get("/api/v1/nextpanel/servers/" + id).json();
            assertThat(server.getBoolean("is_online")).isFalse();
            assertThat(server.getString("health")).isEqualTo("offline");
            assertThat(server.getInt("consecutive_failures")).isGreaterThanOrEqualTo(3);
            assertThat(server.getString("last_error")).contains("Failed to connect");
        });

        sim.refuseConnections(false);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonObject server = api.get("/api/v1/nextpanel/servers/" + id).json();
            assertThat(server.getBoolean("is_online")).isTrue();
            assertThat(server.getString("health")).isEqualTo("online");
            assertThat(server.getInt("consecutive_failures")).isZero();
        });
    }

    /** Puts accounts on a server directly: until hosting accounts exist, no API call can. */
    private static void placeAccounts(long serverId, int count) throws Exception {
        try (Connection c = TestEnvironment.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE panel_server SET current_accounts = " + count + " WHERE id = " + serverId);
        }
    }
}
