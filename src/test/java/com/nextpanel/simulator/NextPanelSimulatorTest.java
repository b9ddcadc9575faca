package com.nextpanel.simulator;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NextPanelSimulatorTest {

    private static final String ACCOUNTS = "/api/v1/billing/accounts";
    private static final String PASSWORD = "Sup3r-S3cret!pw";
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

    private NextPanelSimulator sim;

    @BeforeEach
    void startSimulator() {
        sim = NextPanelSimulator.start();
    }

    @AfterEach
    void closeSimulator() {
        sim.close();
    }

    @Test
    void accountLifecycleRoundTrip() {
        HttpResponse<String> created = post(ACCOUNTS, accountJson("alice", "alice@example.com"));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonObject account = json(created);
        assertThat(account.getJsonNumber("id").longValue()).isEqualTo(1);
        assertThat(account.getString("username")).isEqualTo("alice");
        assertThat(account.getString("full_name")).isEqualTo("Alice Doe");
        assertThat(account.getInt("package_id")).isEqualTo(3);
        assertThat(account.getString("billing_id")).isEqualTo("cust-42");
        assertThat(account.getBoolean("is_admin")).isFalse();
        assertThat(account.getJsonObject("metadata").getString("plan")).isEqualTo("gold");
        assertThat(account.getString("status")).isEqualTo("active");
        assertThat(account.isNull("suspension_reason")).isTrue();
        assertThat(account.getString("created_at")).isNotBlank();

        assertThat(json(get(ACCOUNTS + "/1")).getString("email")).isEqualTo("alice@example.com");

        JsonObject suspended = json(post(ACCOUNTS + "/1/suspend", "{\"reason\":\"unpaid invoice\"}"));
        assertThat(suspended.getString("status")).isEqualTo("suspended");
        assertThat(suspended.getString("suspension_reason")).isEqualTo("unpaid invoice");
        assertThat(sim.account(1).orElseThrow().status()).isEqualTo("suspended");
        assertThat(json(post(ACCOUNTS + "/1/unsuspend", "")).getString("status")).isEqualTo("active");
        assertThat(json(post(ACCOUNTS + "/1/suspend", "")).getString("status")).isEqualTo("suspended");

        HttpResponse<String> stats = get(ACCOUNTS + "/1/stats");
        assertThat(stats.statusCode()).isEqualTo(200);
        JsonObject s = json(stats);
        assertThat(s.getInt("user_id")).isEqualTo(1);
        assertThat(s.getString("username")).isEqualTo("alice");
        assertThat(s.keySet()).contains("total_domains", "total_databases", "total_email_accounts",
                "total_ssl_certificates", "storage_used", "last_login", "account_age_days");

        assertThat(json(get("/api/health")).getInt("accounts")).isEqualTo(1);
        assertThat(sim.passwordMatches(1, PASSWORD)).isTrue();
        assertThat(sim.passwordMatches(1, "wrong")).isFalse();

        HttpResponse<String> deleted = delete(ACCOUNTS + "/1");
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(json(deleted).getString("detail")).isEqualTo("Account deleted");
        assertThat(json(deleted).getInt("id")).isEqualTo(1);
        assertThat(get(ACCOUNTS + "/1").statusCode()).isEqualTo(404);
        assertThat(json(get(ACCOUNTS + "/1")).getString("detail")).isEqualTo("Account not found");
        assertThat(delete(ACCOUNTS + "/1").statusCode()).isEqualTo(404);
        assertThat(sim.accountCount()).isZero();
        assertThat(sim.accounts()).isEmpty();
        assertThat(sim.account(1)).hasValueSatisfying(a -> assertThat(a.deleted()).isTrue());
        assertThat(json(get("/api/health")).getInt("accounts")).isZero();

        // the username is free again and ids keep increasing
        assertThat(json(post(ACCOUNTS, accountJson("alice", "alice@example.com"))).getInt("id")).isEqualTo(2);
        assertThat(sim.requests("POST", ACCOUNTS)).isEqualTo(5);
        assertThat(sim.requests("GET", ACCOUNTS + "/1")).isEqualTo(4);
        assertThat(sim.requests(null, "/api/health")).isEqualTo(2);
    }

    @Test
    void javaViewKeepsFieldsAsSent() {
        post(ACCOUNTS, accountJson("bob", "bob@example.com"));
        post(ACCOUNTS, "{\"username\":\"carol\",\"email\":\"carol@example.com\",\"password\":\"x\",\"package_id\":\"basic\"}");
        assertThat(sim.accounts()).extracting(SimAccount::username).containsExactly("bob", "carol");
        SimAccount bob = sim.account(1).orElseThrow();
        assertThat(bob.packageId()).isEqualTo(3L);
        assertThat(bob.company()).isEqualTo("Doe Hosting");
        assertThat(bob.createdAt()).isNotNull();
        SimAccount carol = sim.account(2).orElseThrow();
        assertThat(carol.packageId()).isEqualTo("basic");
        assertThat(carol.fullName()).isNull();
        assertThat(json(get(ACCOUNTS + "/2")).getString("package_id")).isEqualTo("basic");
    }

    @Test
    void passwordNeverLeavesTheSimulator() throws Exception {
        String hash = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(PASSWORD.getBytes(StandardCharsets.UTF_8)));
        List<HttpResponse<String>> responses = new ArrayList<>();
        responses.add(post(ACCOUNTS, accountJson("dave", "dave@example.com")));
        responses.add(get(ACCOUNTS + "/1"));
        responses.add(post(ACCOUNTS + "/1/suspend", "{\"reason\":\"abuse\"}"));
        responses.add(post(ACCOUNTS + "/1/unsuspend", ""));
        responses.add(get(ACCOUNTS + "/1/stats"));
        responses.add(send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/_sim/state")).GET()));
        responses.add(delete(ACCOUNTS + "/1"));
        assertThat(responses).allSatisfy(r -> {
            assertThat(r.statusCode()).isLessThan(300);
            assertThat(r.body()).doesNotContain(PASSWORD).doesNotContain("password").doesNotContain(hash);
        });
        assertThat(sim.account(1).orElseThrow().toString()).doesNotContain(PASSWORD);
    }

    @Test
    void validationAndConflicts() {
        assertThat(post(ACCOUNTS, accountJson("erin", "erin@example.com")).statusCode()).isEqualTo(201);

        HttpResponse<String> sameName = post(ACCOUNTS, accountJson("erin", "other@example.com"));
        assertThat(sameName.statusCode()).isEqualTo(409);
        assertThat(json(sameName).getString("detail")).isEqualTo("Username already exists");
        HttpResponse<String> sameEmail = post(ACCOUNTS, accountJson("frank", "erin@example.com"));
        assertThat(sameEmail.statusCode()).isEqualTo(409);
        assertThat(json(sameEmail).getString("detail")).isEqualTo("Email already exists");

        HttpResponse<String> missing = post(ACCOUNTS, "{\"username\":\"gina\",\"password\":\"x\"}");
        assertThat(missing.statusCode()).isEqualTo(422);
        assertThat(json(missing).getString("detail")).isEqualTo("Field required: email");
        assertThat(post(ACCOUNTS, "{not json").statusCode()).isEqualTo(422);
        assertThat(json(post(ACCOUNTS, "{not json")).getString("detail")).isNotBlank();
        assertThat(post(ACCOUNTS + "/1/suspend", "[oops").statusCode()).isEqualTo(422);

        assertThat(json(get(ACCOUNTS + "/abc")).getString("detail")).isEqualTo("Account not found");
        assertThat(get(ACCOUNTS + "/abc").statusCode()).isEqualTo(404);
        HttpResponse<String> unknown = get("/api/v1/nothing-here");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).getString("detail")).isEqualTo("Not Found");
        HttpResponse<String> wrongMethod = send(authorized(ACCOUNTS + "/1").PUT(BodyPublishers.ofString("{}")));
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(json(wrongMethod).getString("detail")).isEqualTo("Method Not Allowed");
        assertThat(sim.accountCount()).isEqualTo(1);
    }

    @Test
    void credentialsAreChecked() {
        HttpResponse<String> noHeaders = send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + ACCOUNTS + "/1")).GET());
        assertThat(noHeaders.statusCode()).isEqualTo(401);
        assertThat(json(noHeaders).getString("detail")).isEqualTo("Invalid API credentials");
        HttpResponse<String> wrongSecret = send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + ACCOUNTS + "/1"))
                .header("X-API-Key", sim.apiKey()).header("X-API-Secret", "nope").GET());
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(json(wrongSecret).getString("detail")).isEqualTo("Invalid API credentials");
        assertThat(send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/api/health")).GET()).statusCode())
                .isEqualTo(200);

        sim.addCredentials("npk_second", "nps_second");
        assertThat(send(withKey(ACCOUNTS + "/1", "npk_second", "nps_second").GET()).statusCode()).isEqualTo(404);
        sim.revoke(sim.apiKey());
        HttpResponse<String> revoked = get(ACCOUNTS + "/1");
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(json(revoked).getString("detail")).isEqualTo("API key has been revoked");
        assertThat(send(withKey(ACCOUNTS + "/1", "npk_second", "nps_second").GET()).statusCode()).isEqualTo(404);
        assertThat(sim.requests("GET", ACCOUNTS)).isEqualTo(5);
    }

    @Test
    void failNextAnswersTheStatusWithoutDoingTheWork() {
        sim.failNext(2, 503);
        HttpResponse<String> first = post(ACCOUNTS, accountJson("hank", "hank@example.com"));
        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(json(first).getString("detail")).isNotBlank();
        assertThat(first.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(get("/api/health").statusCode()).isEqualTo(503);
        assertThat(sim.accountCount()).isZero();
        assertThat(post(ACCOUNTS, accountJson("hank", "hank@example.com")).statusCode()).isEqualTo(201);
        assertThat(sim.requests("POST", ACCOUNTS)).isEqualTo(2);
    }

    @Test
    void anEchoingRejectionAnswersFastApis422WithTheRequestAsInput() {
        sim.rejectNextEchoingInput(1);

        HttpResponse<String> refused = post(ACCOUNTS, accountJson("jill", "jill@example.com"));

        assertThat(refused.statusCode()).isEqualTo(422);
        JsonObject problem = json(refused).getJsonArray("detail").getJsonObject(0);
        assertThat(problem.getString("msg")).isEqualTo("Field required");
        assertThat(problem.getJsonArray("loc").toString()).isEqualTo("[\"body\",\"plan\"]");
        assertThat(problem.getJsonObject("input").getString("password")).isEqualTo(PASSWORD);
        assertThat(sim.accountCount()).isZero();
        assertThat(post(ACCOUNTS, accountJson("jill", "jill@example.com")).statusCode()).isEqualTo(201);
    }

    @Test
    void errorRateOneFailsEverything() {
        sim.setErrorRate(1.0);
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = post(ACCOUNTS, accountJson("ivy" + i, "ivy" + i + "@example.com"));
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(json(r).getString("detail")).isEqualTo("Internal Server Error");
        }
        assertThat(sim.accountCount()).isZero();
        sim.setErrorRate(0.0);
        assertThat(post(ACCOUNTS, accountJson("ivy", "ivy@example.com")).statusCode()).isEqualTo(201);
        assertThatThrownBy(() -> sim.setErrorRate(1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void latencyDelaysAnswersButNotTheWork() {
        sim.setLatency(Duration.ofMillis(150));
        long start = System.nanoTime();
        assertThat(get("/api/health").statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));

        // the client gives up during the latency, yet the panel did create the account
        sim.setLatency(Duration.ofSeconds(10)); // the account must appear well before the answer would
        HttpRequest impatient = authorized(ACCOUNTS).timeout(Duration.ofMillis(300))
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(accountJson("jack", "jack@example.com"))).build();
        assertThatThrownBy(() -> HTTP.send(impatient, BodyHandlers.ofString())).isInstanceOf(HttpTimeoutException.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.accountCount() == 1);
        assertThat(sim.accounts().get(0).username()).isEqualTo("jack");
    }

    @Test
    void hangBlocksUntilReleased() {
        sim.setHang(true);
        CompletableFuture<HttpResponse<String>> pending = HTTP.sendAsync(
                authorized(ACCOUNTS).POST(BodyPublishers.ofString(accountJson("kim", "kim@example.com"))).build(),
                BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(10)).until(() -> sim.inFlight() == 1);
        assertThat(pending).isNotDone();
        assertThat(sim.accountCount()).isZero();

        sim.setHang(false);
        await().atMost(Duration.ofSeconds(10)).until(pending::isDone);
        assertThat(pending.join().statusCode()).isEqualTo(201);
        assertThat(sim.accountCount()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> sim.inFlight() == 0);
    }

    @Test
    void manyConcurrentRequestsAreServedAtOnce() {
        int n = 100;
        sim.setHang(true);
        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pending.add(HTTP.sendAsync(authorized("/api/health").GET().build(), BodyHandlers.ofString()));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> sim.inFlight() == n);
        sim.setHang(false);
        assertThat(pending).allSatisfy(f -> assertThat(f.join().statusCode()).isEqualTo(200));
        assertThat(sim.maxConcurrent()).isGreaterThanOrEqualTo(n);
    }

    @Test
    void closeDropsHangingRequests() {
        NextPanelSimulator other = NextPanelSimulator.start();
        other.setHang(true);
        CompletableFuture<HttpResponse<String>> pending = HTTP.sendAsync(
                HttpRequest.newBuilder(URI.create(other.baseUrl() + "/api/health")).build(), BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(10)).until(() -> other.inFlight() == 1);
        other.close();
        await().atMost(Duration.ofSeconds(10)).until(pending::isDone);
        assertThat(pending).isCompletedExceptionally();
    }

    @Test
    void refusesConnectionsThenAcceptsOnTheSamePortWithStateKept() {
        post(ACCOUNTS, accountJson("lena", "lena@example.com"));
        int port = sim.port();
        sim.refuseConnections(true);
        assertThatThrownBy(() -> HTTP.send(authorized(ACCOUNTS + "/1").GET().build(), BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
        sim.refuseConnections(false);
        assertThat(sim.port()).isEqualTo(port);
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> get(ACCOUNTS + "/1").statusCode() == 200);
        assertThat(json(get(ACCOUNTS + "/1")).getString("username")).isEqualTo("lena");
    }

    @Test
    void rateLimitPerKeyAnswers429WithRetryAfter() {
        // a window long enough that the four calls below fit in it on a loaded machine
        sim.setRateLimit(3, Duration.ofSeconds(5));
        for (int i = 0; i < 3; i++) {
            assertThat(get(ACCOUNTS + "/1").statusCode()).isEqualTo(404);
        }
        HttpResponse<String> limited = get(ACCOUNTS + "/1");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(json(limited).getString("detail")).isEqualTo("Rate limit exceeded");
        assertThat(Integer.parseInt(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1, 5);
        assertThat(get("/api/health").statusCode()).isEqualTo(200);
        sim.addCredentials("npk_other", "nps_other");
        assertThat(send(withKey(ACCOUNTS + "/1", "npk_other", "nps_other").GET()).statusCode()).isEqualTo(404);
        assertThat(sim.requests("GET", ACCOUNTS)).isEqualTo(5);

        // a new window starts once the old one is over
        await().atMost(Duration.ofSeconds(10)).pollInterval(50, MILLISECONDS)
                .until(() -> get(ACCOUNTS + "/1").statusCode() == 404);

        sim.setRateLimitPerHour(1);
        assertThat(get(ACCOUNTS + "/1").statusCode()).isEqualTo(404);
        HttpResponse<String> hourly = get(ACCOUNTS + "/1");
        assertThat(hourly.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(hourly.headers().firstValue("Retry-After").orElseThrow())).isBetween(3500L, 3600L);
    }

    @Test
    void recordedCallsKeepTheirTimesStatusAndRetryAfter() {
        assertThat(get(ACCOUNTS + "/1").statusCode()).isEqualTo(404);
        assertThat(sim.calls()).isEmpty(); // not recording yet

        sim.recordCalls();
        sim.setRateLimit(1, Duration.ofSeconds(5));
        assertThat(get(ACCOUNTS + "/1").statusCode()).isEqualTo(404);
        assertThat(get(ACCOUNTS + "/2").statusCode()).isEqualTo(429);

        List<SimCall> calls = sim.calls();
        assertThat(calls).extracting(SimCall::method, SimCall::path, SimCall::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("GET", ACCOUNTS + "/1", 404),
                        org.assertj.core.groups.Tuple.tuple("GET", ACCOUNTS + "/2", 429));
        assertThat(calls.get(0).retryAfter()).isNull();
        assertThat(Integer.parseInt(calls.get(1).retryAfter())).isBetween(1, 5);
        assertThat(calls.get(1).arrivedAt()).isAfterOrEqualTo(calls.get(0).answeredAt());
        assertThat(calls.get(1).answeredAt()).isAfterOrEqualTo(calls.get(1).arrivedAt());
    }

    @Test
    void controlEndpointsDriveFaultsAndState() {
        post(ACCOUNTS, accountJson("mona", "mona@example.com"));
        post(ACCOUNTS, accountJson("nick", "nick@example.com"));
        delete(ACCOUNTS + "/2");

        HttpResponse<String> faults = control("POST", "/_sim/faults", "{\"latency_ms\":20,\"error_rate\":0.0,"
                + "\"hang\":false,\"rate_limit_per_hour\":10,\"fail_next\":{\"count\":1,\"status\":502}}");
        assertThat(faults.statusCode()).isEqualTo(200);
        JsonObject f = json(faults);
        assertThat(f.getInt("latency_ms")).isEqualTo(20);
        assertThat(f.getBoolean("hang")).isFalse();
        assertThat(f.getJsonObject("rate_limit").getInt("requests")).isEqualTo(10);
        assertThat(f.getJsonObject("fail_next").getInt("status")).isEqualTo(502);
        assertThat(get(ACCOUNTS + "/1").statusCode()).isEqualTo(502);
        assertThat(get(ACCOUNTS + "/1").statusCode()).isEqualTo(200);
        assertThat(control("POST", "/_sim/faults", "{\"error_rate\":7}").statusCode()).isEqualTo(422);
        assertThat(control("POST", "/_sim/faults", "{\"hang\":\"yes\"}").statusCode()).isEqualTo(422);

        JsonObject state = json(control("GET", "/_sim/state", null));
        assertThat(state.getJsonArray("accounts")).hasSize(2);
        assertThat(state.getJsonArray("accounts").getJsonObject(1).getBoolean("deleted")).isTrue();
        assertThat(state.getJsonArray("accounts").getJsonObject(0).getString("username")).isEqualTo("mona");
        assertThat(state.getJsonObject("faults").getInt("latency_ms")).isEqualTo(20);
        assertThat(sim.requests(null, "/_sim")).isZero();

        // refuse for a moment (long enough to be seen on a loaded machine), then accept again with the state kept
        HttpResponse<String> refusing = control("POST", "/_sim/faults", "{\"refuse_for_seconds\":3}");
        assertThat(refusing.statusCode()).isEqualTo(200);
        assertThat(json(refusing).getBoolean("refusing")).isTrue();
        await().atMost(Duration.ofSeconds(3)).pollInterval(10, MILLISECONDS)
                .until(() -> refused(() -> get("/api/health")));
        await().atMost(Duration.ofSeconds(10)).pollInterval(20, MILLISECONDS).ignoreExceptions()
                .until(() -> get("/api/health").statusCode() == 200);
        assertThat(sim.accountCount()).isEqualTo(1);

        JsonObject afterReset = json(control("POST", "/_sim/reset", ""));
        assertThat(afterReset.getJsonArray("accounts")).isEmpty();
        assertThat(afterReset.getJsonObject("faults").getInt("latency_ms")).isZero();
        assertThat(afterReset.getJsonObject("faults").getJsonObject("rate_limit").getInt("requests")).isZero();
        assertThat(control("GET", "/_sim/nothing", null).statusCode()).isEqualTo(404);
    }

    @Test
    void resetForgetsEverythingAndRestartsIds() {
        post(ACCOUNTS, accountJson("olga", "olga@example.com"));
        sim.setLatency(Duration.ofMillis(10));
        sim.revoke(sim.apiKey());
        sim.setHang(false);
        sim.reset();
        assertThat(sim.accountCount()).isZero();
        assertThat(sim.requests(null, "/")).isZero();
        assertThat(sim.maxConcurrent()).isZero();
        assertThat(json(post(ACCOUNTS, accountJson("olga", "olga@example.com"))).getInt("id")).isEqualTo(1);
    }

    @Test
    void explicitPortAndCredentials() {
        int port = sim.port();
        sim.close();
        try (NextPanelSimulator fixed = NextPanelSimulator.start(port, "npk_fixed", "nps_fixed")) {
            assertThat(fixed.port()).isEqualTo(port);
            assertThat(fixed.baseUrl()).isEqualTo("http://127.0.0.1:" + port);
            assertThat(fixed.apiKey()).isEqualTo("npk_fixed");
            assertThat(fixed.apiSecret()).isEqualTo("nps_fixed");
            HttpResponse<String> health = send(HttpRequest.newBuilder(URI.create(fixed.baseUrl() + "/api/health")));
            assertThat(json(health).getString("status")).isEqualTo("healthy");
            assertThat(json(health).getString("version")).isEqualTo("sim-1.0");
        }
        assertThat(sim.apiKey()).startsWith("npk_sim_");
        assertThat(sim.apiSecret()).startsWith("nps_sim_");
    }

    private static String accountJson(String username, String email) {
        return "{\"username\":\"" + username + "\",\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\","
                + "\"full_name\":\"Alice Doe\",\"phone\":\"+1 555 0100\",\"company\":\"Doe Hosting\","
                + "\"package_id\":3,\"is_admin\":false,\"billing_id\":\"cust-42\",\"metadata\":{\"plan\":\"gold\"}}";
    }

    private HttpRequest.Builder authorized(String path) {
        return withKey(path, sim.apiKey(), sim.apiSecret());
    }

    private HttpRequest.Builder withKey(String path, String key, String secret) {
        return HttpRequest.newBuilder(URI.create(sim.baseUrl() + path)).timeout(Duration.ofSeconds(5))
                .header("X-API-Key", key).header("X-API-Secret", secret);
    }

    private HttpResponse<String> get(String path) {
        return send(authorized(path).GET());
    }

    private HttpResponse<String> delete(String path) {
        return send(authorized(path).DELETE());
    }

    private HttpResponse<String> post(String path, String body) {
        return send(authorized(path).header("Content-Type", "application/json").POST(BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> control(String method, String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + path)).timeout(Duration.ofSeconds(5))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean refused(Runnable call) {
        try {
            call.run();
            return false;
        } catch (UncheckedIOException e) {
            return true;
        }
    }

    private static JsonObject json(HttpResponse<String> response) {
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }
}
