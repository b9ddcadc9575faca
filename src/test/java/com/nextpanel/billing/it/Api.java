package com.nextpanel.billing.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Real HTTP to the deployed application, the way an operator's script would call it. */
public final class Api {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String token;

    private Api(String base, String token) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.token = token;
    }

    public static Api admin(URL deployment) {
        return new Api(deployment.toString(), TestEnvironment.ADMIN_TOKEN);
    }

    public static Api anonymous(URL deployment) {
        return new Api(deployment.toString(), null);
    }

    public Api withToken(String other) {
        return new Api(base, other);
    }

    public Reply get(String path) {
        return send("GET", path, null, null);
    }

    public Reply post(String path, JsonStructure body) {
        return send("POST", path, body == null ? null : body.toString(), "application/json");
    }

    public Reply put(String path, JsonStructure body) {
        return send("PUT", path, body.toString(), "application/json");
    }

    public Reply patch(String path, JsonStructure body) {
        return send("PATCH", path, body.toString(), "application/merge-patch+json");
    }

    public Reply delete(String path) {
        return send("DELETE", path, null, null);
    }

    /** Any request, for the refusals (wrong content type, malformed JSON, odd methods). */
    public Reply send(String method, String path, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An answer: status, content type and body, read as JSON on demand. */
    public record Reply(int status, String contentType, String body, HttpResponse<String> raw) {

        public JsonObject json() {
            return parse().asJsonObject();
        }

        public JsonArray array() {
            return parse().asJsonArray();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        private JsonValue parse() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.readValue();
            } catch (RuntimeException e) {
                throw new AssertionError("Not JSON (HTTP " + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + contentType + " " + (body.length() > 400 ? body.substring(0, 400) + "…" : body);
        }
    }
}
