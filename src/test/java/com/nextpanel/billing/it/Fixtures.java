package com.nextpanel.billing.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nextpanel.simulator.NextPanelSimulator;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** Arranging through the API, as an operator would. */
public final class Fixtures {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private Fixtures() {
    }

    public static String unique(String prefix) {
        return prefix + SEQUENCE.incrementAndGet() + "_" + Long.toString(System.nanoTime() % 1_000_000, 36);
    }

    /** The integration guide's POST /nextpanel/servers body for a simulator. */
    public static JsonObject guideServer(String name, NextPanelSimulator sim) {
        return Json.createObjectBuilder()
                .add("name", name)
                .add("description", "Primary hosting server - US East")
                .add("base_url", sim.baseUrl())
                .add("api_key", sim.apiKey())
                .add("api_secret", sim.apiSecret())
                .add("capacity", 100)
                .add("location", "US-East")
                .add("tags", Json.createArrayBuilder().add("primary").add("managed"))
                .build();
    }

    public static long registerServer(Api api, NextPanelSimulator sim, int capacity) {
        JsonObject body = Json.createObjectBuilder(guideServer(unique("Server "), sim))
                .add("capacity", capacity).build();
        Api.Reply reply = api.post("/api/v1/nextpanel/servers", body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().getJsonNumber("server_id").longValue();
    }

    /** Deactivates every other server, so that selection sees only the test's own. */
    public static void onlyActive(Api api, Long... serverIds) {
        Set<Long> keep = Set.of(serverIds);
        for (JsonObject server : api.get("/api/v1/nextpanel/servers").array().getValuesAs(JsonObject.class)) {
            long id = server.getJsonNumber("id").longValue();
            boolean active = keep.contains(id);
            if (server.getBoolean("is_active") != active) {
                Api.Reply reply = api.patch("/api/v1/nextpanel/servers/" + id,
                        Json.createObjectBuilder().add("is_active", active).build());
                assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            }
        }
    }

    /**
     * Keeps the timer's probes (one a second in the tests) off a server for an hour, so that only
     * the test's own refreshes probe it and it can count the failures. No API call can, hence SQL.
     */
    public static void probedOnlyOnRefresh(long serverId) {
        try (Connection c = TestEnvironment.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE panel_server SET next_probe_at = now() + interval '1 hour' WHERE id = " + serverId);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * As {@link #probedOnlyOnRefresh(long)}, and then waits until a probe the timer had already
     * taken has reached the panel: no probe arrives for 1.5 s (longer than a probe takes), so a
     * fault switched on next meets the test's calls, not a late probe.
     */
    public static void probedOnlyOnRefresh(long serverId, NextPanelSimulator sim) {
        probedOnlyOnRefresh(serverId);
        long[] probes = {sim.requests("GET", "/api/health")};
        await().pollInterval(Duration.ofMillis(100)).during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(15))
                .until(() -> {
                    long now = sim.requests("GET", "/api/health");
                    boolean quiet = now == probes[0] && sim.inFlight() == 0;
                    probes[0] = now;
                    return quiet;
                });
    }

    /** The integration guide's provision body, with a fresh username. */
    public static JsonObject provision(String username) {
        return Json.createObjectBuilder()
                .add("customer_id", 123)
                .add("order_id", 456)
                .add("username", username)
                .add("email", username + "@example.com")
                .add("password", "SecurePass123!")
                .add("full_name", "John Doe")
                .add("phone", "+1234567890")
                .add("package_id", 1)
                .build();
    }

    /** A GET straight to the panel with the given credentials, as the panel's own API answers it. */
    public static HttpResponse<String> panelGet(NextPanelSimulator sim, String path, String key, String secret) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                .header("X-API-Key", key).header("X-API-Secret", secret).GET().build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String username() {
        return unique("cust").toLowerCase();
    }

    public static JsonObject server(Api api, long id) {
        return api.get("/api/v1/nextpanel/servers/" + id).json();
    }

    public static JsonObject account(Api api, long id) {
        return api.get("/api/v1/nextpanel/accounts/" + id).json();
    }
}
