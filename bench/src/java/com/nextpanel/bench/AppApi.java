package com.nextpanel.bench;

import com.nextpanel.simulator.NextPanelSimulator;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The app's HTTP API on 127.0.0.1, called the way an operator's script calls it (bearer token, JSON). */
final class AppApi {

    record Reply(int status, String body) {
        JsonObject json() {
            return parse().asJsonObject();
        }

        JsonArray array() {
            return parse().asJsonArray();
        }

        private JsonValue parse() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.readValue();
            } catch (RuntimeException e) {
                throw new IllegalStateException("not JSON (HTTP " + status + "): " + shortBody(), e);
            }
        }

        String shortBody() {
            String oneLine = body.replaceAll("\\s+", " ");
            return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
        }
    }

    static {
        // HttpURLConnection keeps 5 idle connections per host unless told otherwise: P2 has 48 clients
        System.setProperty("http.maxConnections", "256");
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade dance on every new connection
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final int port;
    private final String token;

    AppApi(int port, String token) {
        this.port = port;
        this.token = token;
    }

    /** {@code http://127.0.0.1:<port>}, for callers that address the app themselves (the store's clients, webhooks). */
    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    Reply get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    /** A POST with a JSON body, or with none when {@code body} is null. */
    Reply post(String path, JsonStructure body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    Reply patch(String path, JsonStructure body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** Status of an unauthenticated GET; -1 when nothing answers (yet). */
    int status(String path) {
        try {
            return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** POST /servers (201), the rate limit set so high that it never binds; answers the server id. */
    long register(String serverName, NextPanelSimulator sim, int capacity) throws IOException, InterruptedException {
        JsonObject body = Json.createObjectBuilder()
                .add("name", serverName)
                .add("base_url", sim.baseUrl())
                .add("api_key", sim.apiKey())
                .add("api_secret", sim.apiSecret())
                .add("capacity", capacity)
                .add("rate_limit_per_hour", 1_000_000)
                .build();
        Reply reply = post("/api/v1/nextpanel/servers", body);
        if (reply.status() != 201) {
            throw new IllegalStateException("registering " + serverName + ": HTTP " + reply.status() + " " + reply.shortBody());
        }
        return reply.json().getJsonNumber("server_id").longValue();
    }

    void deactivate(long serverId) throws IOException, InterruptedException {
        Reply reply = patch("/api/v1/nextpanel/servers/" + serverId, Json.createObjectBuilder().add("is_active", false).build());
        if (reply.status() != 200) {
            throw new IllegalStateException("deactivating server " + serverId + ": HTTP " + reply.status() + " " + reply.shortBody());
        }
    }

    /**
     * POST /provision with the integration guide's body and the given (unique) username. Sent with the JDK's
     * plain blocking HttpURLConnection (kept-alive connections): java.net.http's client cost this
     * JVM about 2 ms of CPU per request under P2's load, CPU the app under test then lacked.
     */
    Reply provision(String username) throws IOException {
        byte[] body = ("{\"customer_id\":1,\"order_id\":1,\"username\":\"" + username + "\",\"email\":\"" + username
                + "@example.com\",\"password\":\"SecurePass123!\",\"full_name\":\"Bench User\",\"package_id\":1}")
                .getBytes(StandardCharsets.UTF_8);
        HttpURLConnection connection = (HttpURLConnection) uri("/api/v1/nextpanel/provision").toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(60_000);
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(body.length);
        connection.setRequestProperty("Authorization", "Bearer " + token);
        connection.setRequestProperty("Accept", "application/json");
        connection.setRequestProperty("Content-Type", "application/json");
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        }
        int status = connection.getResponseCode();
        InputStream answer = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        try (answer) {
            return new Reply(status, answer == null ? "" : new String(answer.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
    }

    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
