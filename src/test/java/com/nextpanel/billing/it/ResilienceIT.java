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
import com.nextpanel.simulator.SimCall;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Panels that misbehave: down, dead, rate limiting, slow past the timeout, refusing our key.
 * Test settings (arquillian.xml): read timeout 3 s, backoff 0.3 s doubling, 4 attempts,
 * isolation after 3 failed calls for 2 s, probes every second, offline after 3 failures.
 */
@ExtendWith(ArquillianExtension.class)
class ResilienceIT {

    @RegisterExtension
    static final Simulators SIMULATORS = new Simulators();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

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
    void aPanelDownMidWayLeavesTheAccountPendingUntilItReturns() {
        NextPanelSimulator sim = SIMULATORS.start();
        long serverId = registerServer(api, sim, 10);
        onlyActive(api, serverId);
        // this is about what panel calls see: a timer probe meeting the fault first would keep new accounts off it
        Fixtures.probedOnlyOnRefresh(serverId, sim);
        String username = username();
        sim.failNext(20, 503);

        Api.Reply reply = api.post("/api/v1/nextpanel/provision", provision(username));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
        assertThat(reply.json().getString("status")).isEqualTo("pending");
        long accountId = reply.json().getJsonNumber("account_id").longValue();
        assertThat(account(api, accountId).getString("status")).isEqualTo("pending");

        sim.resetFaults();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(account(api, accountId).getString("status")).isEqualTo("active"));
        assertThat(sim.accounts()).filteredOn(a -> a.username().equals(username)).singleElement()
                .satisfies(a -> assertThat(a.status()).isEqualTo("active"));
        JsonObject job = api.get("/api/v1/jobs?account_id=" + accountId).json().getJsonArray("items").getJsonObject(0);
        assertThat(job.getString("status")).isEqualTo("done");
        assertThat(job.getInt("attempts")).isGreaterThan(1);
    }

    @Test
    void anActionThePanelDoesNotAcknowledgeIsRetriedNotTakenForDone() {
        NextPanelSimulator sim = SIMULATORS.start();
        long serverId = registerServer(api, sim, 10);
        onlyActive(api, serverId);
        JsonObject created = api.post("/api/v1/nextpanel/provision", provision(username())).json();
        long accountId = created.getJsonNumber("account_id").longValue();
        long panelUserId = created.getJsonNumber("nextpanel_user_id").longValue();
        sim.failNext(10, 302); // a redirect, as a proxy in front of a panel might answer: not a "done"

        Api.Reply reply = api.post("/api/v1/nextpanel/accounts/" + accountId + "/suspend",
                Json.createObjectBuilder().add("reason", "Payment overdue").build());

        assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
        assertThat(reply.json().getString("status")).isEqualTo("pending");
        assertThat(reply.json().getString("detail")).contains("Unexpected answer 302");
        assertThat(account(api, accountId).getString("status")).isEqualTo("active");
        assertThat(sim.account(panelUserId).orElseThrow().status()).isEqualTo("active");
    }

    @Test
    void aDeadServerIsIsolatedAndNewAccountsGoElsewhere() {
        NextPanelSimulator dead = SIMULATORS.start();
        NextPanelSimulator alive = SIMULATORS.start();
        long deadId = registerServer(api, dead, 50);
        long aliveId = registerServer(api, alive, 10);
        onlyActive(api, deadId, aliveId);
        // this is about what panel calls see: a timer probe meeting the fault first would keep new accounts off it
        Fixtures.probedOnlyOnRefresh(deadId);
        dead.failNext(1000, 500); // answers every call with 500, health probes too

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(api.post("/api/v1/nextpanel/provision", provision(username())).status());
        }

        // tried on the dead one (most free slots) until 3 failed calls isolate it: the rest go elsewhere
        assertThat(statuses.get(0)).isEqualTo(202);
        assertThat(statuses).containsOnly(200, 202);
        assertThat(statuses.subList(3, 6)).containsOnly(200);
        assertThat(alive.accountCount()).isEqualTo((int) statuses.stream().filter(s -> s == 200).count());
        assertThat(dead.accountCount()).isZero(); // it refused every create
        assertThat(Fixtures.server(api, deadId).getInt("current_accounts")).isLessThanOrEqualTo(3);
        dead.resetFaults();
    }

    @Test
    void aRateLimitIsHonouredAndTheJobWaitsForRetryAfter() throws Exception {
        NextPanelSimulator sim = SIMULATORS.start();
        long serverId = registerServer(api, sim, 10);
        onlyActive(api, serverId);
        long before = sim.requests("POST", "/api/v1/billing/accounts");
        sim.recordCalls();
        // health is not limited; account calls are, one an hour: however slow the machine, the second is limited
        sim.setRateLimitPerHour(1);

        Api.Reply first = api.post("/api/v1/nextpanel/provision", provision(username()));
        Api.Reply limited = api.post("/api/v1/nextpanel/provision", provision(username()));
        Api.Reply held = api.post("/api/v1/nextpanel/provision", provision(username()));

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(limited.status()).as(limited.toString()).isEqualTo(202);
        assertThat(held.status()).as(held.toString()).isEqualTo(202);
        // the panel said 429 once; the third request was held back by us, not sent to be refused again
        assertThat(sim.requests("POST", "/api/v1/billing/accounts") - before).isEqualTo(2);
        long limitedId = limited.json().getJsonNumber("account_id").longValue();
        long heldId = held.json().getJsonNumber("account_id").longValue();
        // both wait for the Retry-After of the panel's 429
        SimCall tooMany = sim.calls().stream().filter(c -> c.status() == 429).findFirst().orElseThrow();
        Instant waitOver = tooMany.answeredAt().plusSeconds(Long.parseLong(tooMany.retryAfter()));
        for (long id : List.of(limitedId, heldId)) {
            JsonObject job = api.get("/api/v1/jobs?account_id=" + id).json().getJsonArray("items").getJsonObject(0);
            assertThat(job.getString("status")).as(job.toString()).isEqualTo("pending");
            assertThat(Instant.parse(job.getString("next_attempt_at"))).as(job.toString()).isAfterOrEqualTo(waitOver);
        }
        // the hour passes (this deployment has no test clock): the panel's window and our waits are over
        sim.resetFaults();
        try (Connection c = TestEnvironment.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE panel_server SET rate_limited_until = now() WHERE id = " + serverId);
            assertThat(s.executeUpdate("UPDATE panel_job SET next_attempt_at = now() WHERE status = 'pending'"
                    + " AND account_id IN (" + limitedId + ", " + heldId + ")")).isEqualTo(2);
        }
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(account(api, limitedId).getString("status")).isEqualTo("active");
            assertThat(account(api, heldId).getString("status")).isEqualTo("active");
        });
        for (long id : List.of(limitedId, heldId)) {
            JsonObject account = account(api, id);
            assertThat(sim.account(account.getJsonNumber("nextpanel_user_id").longValue())).get()
                    .satisfies(a -> assertThat(a.status()).isEqualTo("active"))
                    .satisfies(a -> assertThat(a.username()).isEqualTo(account.getString("username")));
        }
        sim.resetFaults();
    }

    @Test
    void afterA429NoCallReachesThePanelBeforeItsRetryAfterHasPassed() {
        NextPanelSimulator sim = SIMULATORS.start();
        long serverId = registerServer(api, sim, 10);
        onlyActive(api, serverId);
        JsonObject allowed = api.post("/api/v1/nextpanel/provision", provision(username())).json();
        JsonObject limited = api.post("/api/v1/nextpanel/provision", provision(username())).json();
        long limitedPanelUser = limited.getJsonNumber("nextpanel_user_id").longValue();
        Fixtures.probedOnlyOnRefresh(serverId, sim); // the 429 below is for the second suspend, not a timer probe
        sim.recordCalls();

        Api.Reply first = api.post("/api/v1/nextpanel/accounts/" + allowed.getInt("account_id") + "/suspend",
                Json.createObjectBuilder().add("reason", "Abuse report").build());
        sim.failNext(1, 429); // its Retry-After says how long to wait, however long the first suspend took
        Api.Reply second = api.post("/api/v1/nextpanel/accounts/" + limited.getInt("account_id") + "/suspend",
                Json.createObjectBuilder().add("reason", "Abuse report").build());

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(second.status()).as(second.toString()).isEqualTo(202);
        // the retried job suspends it once the wait is over, on the panel too
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(account(api, limited.getInt("account_id")).getString("status")).isEqualTo("suspended"));
        assertThat(sim.account(limitedPanelUser)).get().satisfies(a -> {
            assertThat(a.status()).isEqualTo("suspended");
            assertThat(a.suspensionReason()).isEqualTo("Abuse report");
        });
        // health probes are not rate limited and do not wait; every account call does
        List<SimCall> calls = sim.calls().stream().filter(c -> c.path().startsWith("/api/v1/")).toList();
        List<SimCall> refused = calls.stream().filter(c -> c.status() == 429).toList();
        assertThat(refused).isNotEmpty();
        for (SimCall tooMany : refused) {
            java.time.Instant waitOver = tooMany.answeredAt().plusSeconds(Long.parseLong(tooMany.retryAfter()));
            assertThat(calls).filteredOn(c -> c.arrivedAt().isAfter(tooMany.answeredAt()))
                    .as("calls after the 429 of %s, which asked to wait until %s", tooMany.answeredAt(), waitOver)
                    .isNotEmpty()
                    .allSatisfy(c -> assertThat(c.arrivedAt()).isAfterOrEqualTo(waitOver));
        }
        sim.resetFaults();
    }

    @Test
    void aCreateWhoseAnswerWasLostIsNeverMadeTwiceAndAsksForAttention() {
        NextPanelSimulator sim = SIMULATORS.start();
        long serverId = registerServer(api, sim, 10);
        onlyActive(api, serverId);
        String username = username();
        sim.setLatency(Duration.ofMillis(3500)); // the panel creates it, but answers after our 3 s timeout

        Api.Reply reply = api.post("/api/v1/nextpanel/provision", provision(username));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
        long accountId = reply.json().getJsonNumber("account_id").longValue();
        sim.setLatency(Duration.ZERO);
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonObject job = api.get("/api/v1/jobs?account_id=" + accountId).json().getJsonArray("items").getJsonObject(0);
            assertThat(job.getString("status")).isEqualTo("needs_attention");
            assertThat(job.getBoolean("outcome_unknown")).isTrue();
            assertThat(job.getString("last_error")).contains("Username already exists").contains("may have created");
        });
        assertThat(sim.accounts()).filteredOn(a -> a.username().startsWith(username.substring(0, 4)))
                .extracting(a -> a.username()).containsOnlyOnce(username);
        assertThat(account(api, accountId).getString("status")).isEqualTo("pending");
        assertThat(openAlerts()).anySatisfy(a -> {
            assertThat(a.getString("kind")).isEqualTo("job_needs_attention");
            assertThat(a.getString("message")).contains("account " + accountId);
        });
    }

    @Test
    void aRejectedKeyNeedsAttentionAndTheOperatorsRetryFinishesTheJob() {
        NextPanelSimulator sim = SIMULATORS.start();
        long serverId = registerServer(api, sim, 10);
        onlyActive(api, serverId);
        long accountId = api.post("/api/v1/nextpanel/provision", provision(username())).json().getInt("account_id");
        sim.revoke(sim.apiKey());

        Api.Reply refused = api.post("/api/v1/nextpanel/accounts/" + accountId + "/suspend",
                Json.createObjectBuilder().add("reason", "Payment overdue").build());

        assertThat(refused.status()).as(refused.toString()).isEqualTo(502);
        assertThat(refused.json().getString("detail")).contains("API key has been revoked");
        long jobId = refused.json().getJsonNumber("job_id").longValue();
        JsonObject alert = openAlerts().stream().filter(a -> a.getString("kind").equals("job_needs_attention")
                && a.getJsonNumber("target_id").longValue() == jobId).findFirst().orElseThrow();

        sim.addCredentials(sim.apiKey(), sim.apiSecret()); // the operator restores the key on the panel
        Api.Reply retried = api.post("/api/v1/jobs/" + jobId + "/retry", null);

        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.json().getString("status")).isEqualTo("done");
        assertThat(account(api, accountId).getString("status")).isEqualTo("suspended");
        long panelUserId = account(api, accountId).getJsonNumber("nextpanel_user_id").longValue();
        assertThat(sim.account(panelUserId)).get().satisfies(a -> {
            assertThat(a.status()).isEqualTo("suspended");
            assertThat(a.suspensionReason()).isEqualTo("Payment overdue");
        });
        assertThat(openAlerts()).noneSatisfy(a -> assertThat(a.getInt("id")).isEqualTo(alert.getInt("id")));
        assertThat(api.post("/api/v1/jobs/" + jobId + "/retry", null).status()).isEqualTo(409);
    }

    @Test
    void aJobLeftInProgressByADeadNodeIsResumed() throws Exception {
        NextPanelSimulator sim = SIMULATORS.start();
        long serverId = registerServer(api, sim, 10);
        onlyActive(api, serverId);
        // this is about what panel calls see: a timer probe meeting the fault first would keep new accounts off it
        Fixtures.probedOnlyOnRefresh(serverId, sim);
        sim.refuseConnections(true);
        Api.Reply reply = api.post("/api/v1/nextpanel/provision", provision(username()));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
        long jobId = reply.json().getJsonNumber("job_id").longValue();
        long accountId = reply.json().getJsonNumber("account_id").longValue();
        // as if the node running it died mid-call: claimed, in progress, lease already run out
        try (Connection c = TestEnvironment.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE panel_job SET status = 'in_progress', claimed_by = 'dead-node',"
                    + " claimed_until = now() - interval '1 minute', next_attempt_at = now() + interval '1 hour'"
                    + " WHERE id = " + jobId);
        }

        sim.refuseConnections(false);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(account(api, accountId).getString("status")).isEqualTo("active"));
        JsonObject resumed = account(api, accountId);
        assertThat(sim.accounts()).filteredOn(a -> a.username().equals(resumed.getString("username"))).singleElement()
                .satisfies(a -> {
                    assertThat(a.id()).isEqualTo(resumed.getJsonNumber("nextpanel_user_id").longValue());
                    assertThat(a.status()).isEqualTo("active");
                });
        // the refused connections never reached it: the resumed attempt's create is the one call
        assertThat(sim.requests("POST", "/api/v1/billing/accounts")).as("create calls on the panel").isEqualTo(1);
        JsonObject job = api.get("/api/v1/jobs/" + jobId).json();
        assertThat(job.getString("status")).isEqualTo("done");
        assertThat(job.getBoolean("outcome_unknown")).isTrue(); // it could not know whether the dead node's call went out
    }

    @Test
    void anAttemptWhoseClaimMovedToAnotherNodeRecordsNothing() throws Exception {
        NextPanelSimulator sim = SIMULATORS.start();
        long serverId = registerServer(api, sim, 10);
        onlyActive(api, serverId);
        Fixtures.probedOnlyOnRefresh(serverId, sim); // the one request in flight is the create, and no probe hangs
        sim.setHang(true); // the create stays under way until its claim has moved
        String username = username();
        CompletableFuture<Api.Reply> reply = CompletableFuture.supplyAsync(
                () -> api.post("/api/v1/nextpanel/provision", provision(username)));
        await().atMost(PATIENCE).until(() -> sim.inFlight() == 1);

        // as if this node's lease had run out and another node had taken the job meanwhile
        try (Connection c = TestEnvironment.connect(); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("UPDATE panel_job SET claimed_by = 'other-node' WHERE status = 'in_progress'"
                    + " AND account_id = (SELECT id FROM hosting_account WHERE username = '" + username + "')"))
                    .isEqualTo(1);
        }
        sim.setHang(false);
        reply.get(60, TimeUnit.SECONDS);
        await().atMost(PATIENCE).until(() -> sim.inFlight() == 0); // the panel's work is done

        await().atMost(PATIENCE).until(() -> TestEnvironment.payaraLog().contains("claimed by other-node, no longer by"));
        long accountId = TestEnvironment.count("SELECT id FROM hosting_account WHERE username = ?", username);
        JsonObject job = api.get("/api/v1/jobs?account_id=" + accountId).json().getJsonArray("items").getJsonObject(0);
        assertThat(job.getString("status")).isEqualTo("in_progress"); // still the other node's to settle
        assertThat(account(api, accountId).getString("status")).isEqualTo("pending"); // nothing of the attempt kept
        assertThat(sim.accounts()).extracting(a -> a.username()).contains(username); // the panel did it, though

        // the other node "dies": its lease runs out, this node takes the job, cannot know what happened
        // on the panel, and asks an operator instead of creating the account twice
        try (Connection c = TestEnvironment.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE panel_job SET claimed_until = now() - interval '1 minute'"
                    + " WHERE id = " + job.getJsonNumber("id").longValue());
        }
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(api.get("/api/v1/jobs/" + job.getJsonNumber("id"))
                .json().getString("status")).isIn("needs_attention", "done"));
        assertThat(sim.accounts().stream().filter(a -> a.username().equals(username))).hasSize(1);
    }

    @Test
    void aLiveNodeRenewsTheClaimOfAJobItIsRunningSoNoOtherNodeTakesIt() throws Exception {
        NextPanelSimulator sim = SIMULATORS.start();
        long serverId = registerServer(api, sim, 10);
        onlyActive(api, serverId);
        long accountId = api.post("/api/v1/nextpanel/provision", provision(username())).json()
                .getJsonNumber("account_id").longValue();
        Fixtures.probedOnlyOnRefresh(serverId, sim); // the one request in flight is the suspend, and no probe hangs
        sim.setHang(true); // each try of the suspend waits out the read timeout (3 s), three tries in all
        CompletableFuture<Api.Reply> reply = CompletableFuture.supplyAsync(() -> api.post(
                "/api/v1/nextpanel/accounts/" + accountId + "/suspend",
                Json.createObjectBuilder().add("reason", "Abuse report").build()));
        try {
            await().atMost(PATIENCE).until(() -> sim.inFlight() == 1);
            String claim = "SELECT count(*) FROM panel_job WHERE account_id = ? AND kind = 'SUSPEND'"
                    + " AND status = 'in_progress' AND attempts = 1";
            assertThat(TestEnvironment.count(claim, accountId)).isEqualTo(1);
            long claimedUntil = TestEnvironment.count("SELECT CAST(extract(epoch FROM claimed_until) * 1000000 AS bigint) FROM panel_job"
                    + " WHERE account_id = ? AND kind = 'SUSPEND'", accountId);

            // renewed (every 5 s) while the attempt runs, by the node that runs it, its attempt not taken over
            await().atMost(Duration.ofSeconds(8)).until(() -> TestEnvironment.count("SELECT count(*) FROM panel_job"
                    + " WHERE account_id = ? AND kind = 'SUSPEND' AND status = 'in_progress'"
                    + " AND extract(epoch FROM claimed_until) * 1000000 > ?", accountId, claimedUntil) == 1);
            assertThat(TestEnvironment.count(claim, accountId)).isEqualTo(1);
        } finally {
            sim.setHang(false);
        }
        assertThat(reply.get(60, TimeUnit.SECONDS).status()).isIn(200, 202);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(account(api, accountId).getString("status"))
                .isEqualTo("suspended"));
    }

    @Test
    void alertsTellOfOfflineAndNearlyFullServersAndCanBeResolved() {
        NextPanelSimulator sim = SIMULATORS.start();
        long serverId = registerServer(api, sim, 5);
        onlyActive(api, serverId);
        for (int i = 0; i < 4; i++) {
            assertThat(api.post("/api/v1/nextpanel/provision", provision(username())).status()).isEqualTo(200);
        }
        assertThat(sim.accounts()).hasSize(4).allSatisfy(a -> assertThat(a.status()).isEqualTo("active"));
        assertThat(openAlerts()).anySatisfy(a -> {
            assertThat(a.getString("kind")).isEqualTo("server_nearly_full");
            assertThat(a.getJsonNumber("target_id").longValue()).isEqualTo(serverId);
            assertThat(a.getString("message")).contains("80.0 % full (4/5)");
        });

        sim.refuseConnections(true);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(openAlerts()).anySatisfy(a -> {
            assertThat(a.getString("kind")).isEqualTo("server_offline");
            assertThat(a.getJsonNumber("target_id").longValue()).isEqualTo(serverId);
        }));
        sim.refuseConnections(false);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(openAlerts()).noneSatisfy(a -> {
            assertThat(a.getString("kind")).isEqualTo("server_offline");
            assertThat(a.getJsonNumber("target_id").longValue()).isEqualTo(serverId);
        }));

        JsonObject full = openAlerts().stream().filter(a -> a.getString("kind").equals("server_nearly_full")
                && a.getJsonNumber("target_id").longValue() == serverId).findFirst().orElseThrow();
        Api.Reply resolved = api.post("/api/v1/alerts/" + full.getInt("id") + "/resolve", null);
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        assertThat(resolved.json().getString("resolved_by")).isEqualTo("admin");
        assertThat(server(api, serverId).getBoolean("is_online")).isTrue();
    }

    private List<JsonObject> openAlerts() {
        return api.get("/api/v1/alerts?status=open&size=500").json().getJsonArray("items").getValuesAs(JsonObject.class);
    }
}
