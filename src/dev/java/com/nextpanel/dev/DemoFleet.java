package com.nextpanel.dev;

import com.nextpanel.simulator.NextPanelSimulator;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The demo switch: three simulated NextPanel servers in the launcher's JVM, registered with the
 * app once it is ready, and three plans for the store to sell. Ports, keys and names are fixed so
 * that a restart finds the servers and plans it added the last time (the data is kept) instead of
 * adding new ones.
 */
final class DemoFleet implements AutoCloseable {

    private record Panel(int number, String location, int capacity) {
        String name() {
            return "NextPanel Server " + number;
        }

        int port() {
            return 9000 + number;
        }

        String apiKey() {
            return "npk_demo_" + number;
        }

        String apiSecret() {
            return "nps_demo_secret_" + number;
        }
    }

    private static final List<Panel> PANELS = List.of(
            new Panel(1, "US-East", 100),
            new Panel(2, "US-West", 100),
            new Panel(3, "EU-Central", 50));

    /** The store's demo plans: name, price in EUR, billing cycle, the panel package, preferred location. */
    private record DemoPlan(String name, String price, String cycle, int packageId, String location) {
    }

    private static final List<DemoPlan> PLANS = List.of(
            new DemoPlan("Starter", "4.90", "monthly", 1, null),
            new DemoPlan("Business", "12.90", "monthly", 2, null),
            new DemoPlan("Business EU", "129.00", "annual", 2, "EU-Central"));

    private final List<NextPanelSimulator> simulators = new ArrayList<>();

    /** Starts the simulators; on a failure the ones already started are closed. */
    static DemoFleet start() {
        DemoFleet fleet = new DemoFleet();
        try {
            for (Panel panel : PANELS) {
                fleet.simulators.add(NextPanelSimulator.start(panel.port(), panel.apiKey(), panel.apiSecret()));
            }
        } catch (Exception e) {
            fleet.close();
            throw new DevServer.RefusedStart("could not start the NextPanel simulators on ports 9001-9003"
                    + " (another demo still running?): " + e, e);
        }
        return fleet;
    }

    /**
     * Registers each simulator unless a server of that name exists, adds the plans, and prints
     * them. All at once: one after another they took about 2 s of the demo start, most of it the
     * cold app answering its first calls.
     */
    void registerWith(String appUrl, String adminToken) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Set<String> known = registeredNames(http, appUrl, adminToken);
        List<CompletableFuture<String>> servers = new ArrayList<>();
        for (int i = 0; i < PANELS.size(); i++) {
            Panel panel = PANELS.get(i);
            NextPanelSimulator simulator = simulators.get(i);
            servers.add(known.contains(panel.name()) ? CompletableFuture.completedFuture("already there")
                    : CompletableFuture.supplyAsync(() -> register(http, appUrl, adminToken, panel, simulator)));
        }
        List<CompletableFuture<String>> plans = PLANS.stream().map(plan -> CompletableFuture.supplyAsync(
                () -> post(http, appUrl + "api/v1/plans", adminToken, planBody(plan)))).toList();
        for (int i = 0; i < PANELS.size(); i++) {
            Panel panel = PANELS.get(i);
            NextPanelSimulator simulator = simulators.get(i);
            System.out.printf("[serve]   %-19s %s  key %s  %s, capacity %d  (%s)%n", panel.name(),
                    simulator.baseUrl(), simulator.apiKey(), panel.location(), panel.capacity(), servers.get(i).join());
        }
        List<String> offered = new ArrayList<>();
        for (int i = 0; i < PLANS.size(); i++) {
            DemoPlan plan = PLANS.get(i);
            String outcome = plans.get(i).join();
            offered.add(plan.name() + " " + plan.price() + " EUR " + plan.cycle()
                    + (outcome.startsWith("NOT") ? " (" + outcome + ")" : ""));
        }
        System.out.println("[serve]   plans for sale: " + String.join(", ", offered));
    }

    private static String planBody(DemoPlan plan) {
        var body = Json.createObjectBuilder().add("name", plan.name()).add("price", plan.price())
                .add("currency", "EUR").add("billing_cycle", plan.cycle()).add("package_id", plan.packageId());
        if (plan.location() != null) {
            body.add("preferred_location", plan.location());
        }
        return body.build().toString();
    }

    private static String register(HttpClient http, String appUrl, String token, Panel panel,
                                   NextPanelSimulator simulator) {
        String body = Json.createObjectBuilder()
                .add("name", panel.name())
                .add("description", "Simulated panel (demo)")
                .add("base_url", simulator.baseUrl())
                .add("api_key", simulator.apiKey())
                .add("api_secret", simulator.apiSecret())
                .add("capacity", panel.capacity())
                .add("location", panel.location())
                .add("tags", Json.createArrayBuilder().add("demo"))
                .build().toString();
        return post(http, appUrl + "api/v1/nextpanel/servers", token, body);
    }

    /** Adds one thing through the API; a 409 means a restart found it there already. */
    private static String post(HttpClient http, String url, String token, String body) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            return switch (response.statusCode()) {
                case 200, 201 -> "added";
                case 409 -> "already there";
                default -> "NOT added: HTTP " + response.statusCode() + " " + problemDetail(response.body());
            };
        } catch (Exception e) {
            return "NOT added: " + e;
        }
    }

    /** Names of the servers the app already knows; empty when the list cannot be read (409 still guards). */
    private static Set<String> registeredNames(HttpClient http, String appUrl, String token) {
        Set<String> names = new HashSet<>();
        try {
            HttpResponse<String> response = http.send(serversRequest(appUrl, token).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
                    collectNames(reader.readValue(), names);
                }
            }
        } catch (Exception e) {
            // the app's list format is not ours to know for sure: fall back on the 409 of a duplicate
        }
        return names;
    }

    /** Every "name" string anywhere in the document: works for a bare array and for a paged object. */
    private static void collectNames(JsonValue value, Set<String> names) {
        switch (value.getValueType()) {
            case ARRAY -> value.asJsonArray().forEach(v -> collectNames(v, names));
            case OBJECT -> value.asJsonObject().forEach((key, v) -> {
                if (key.equals("name") && v instanceof JsonString s) {
                    names.add(s.getString());
                } else {
                    collectNames(v, names);
                }
            });
            default -> { }
        }
    }

    private static HttpRequest.Builder serversRequest(String appUrl, String token) {
        return HttpRequest.newBuilder(URI.create(appUrl + "api/v1/nextpanel/servers"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
    }

    /** The human part of a problem+json answer, else the start of the body. */
    private static String problemDetail(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonValue detail = reader.readObject().get("detail");
            if (detail instanceof JsonString s) {
                return s.getString();
            }
        } catch (RuntimeException e) {
            // not JSON: show it as it is
        }
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
    }

    @Override
    public void close() {
        for (NextPanelSimulator simulator : simulators) {
            try {
                simulator.close();
            } catch (Exception e) {
                System.err.println("[serve] closing a simulator: " + e);
            }
        }
        simulators.clear();
    }
}
