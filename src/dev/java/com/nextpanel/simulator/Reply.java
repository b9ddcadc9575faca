package com.nextpanel.simulator;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** An HTTP answer of the simulator (always a JSON object), plus the shared JSON helpers. */
record Reply(int status, JsonObject body, Map<String, String> headers) {

    // Factories are cached: Json.createObjectBuilder() does a provider lookup per call, too slow for benchmarks.
    static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    static Reply json(int status, JsonObject body) {
        return new Reply(status, body, Map.of());
    }

    static Reply error(int status, String detail) {
        return json(status, JSON.createObjectBuilder().add("detail", detail).build());
    }

    Reply withHeader(String name, String value) {
        return new Reply(status, body, Map.of(name, value));
    }

    static JsonObjectBuilder object() {
        return JSON.createObjectBuilder();
    }

    /** Parses a JSON object; an empty body gives {@code emptyValue}, anything malformed gives {@code null}. */
    static JsonObject parseObject(byte[] body, JsonObject emptyValue) {
        if (new String(body, StandardCharsets.UTF_8).isBlank()) {
            return emptyValue;
        }
        try (JsonReader reader = READERS.createReader(new ByteArrayInputStream(body))) {
            JsonValue value = reader.readValue();
            return value instanceof JsonObject o ? o : null;
        } catch (JsonException | IllegalStateException e) {
            return null;
        }
    }

    /** A field as text: strings as is, numbers and booleans in their JSON form, null/absent as null. */
    static String text(JsonObject in, String field) {
        JsonValue v = in.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        return v instanceof JsonString s ? s.getString() : v.toString();
    }

    static JsonObjectBuilder addNullable(JsonObjectBuilder b, String name, String value) {
        return value == null ? b.addNull(name) : b.add(name, value);
    }

    void send(HttpExchange ex) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        Headers out = ex.getResponseHeaders();
        out.set("Content-Type", "application/json");
        headers.forEach(out::set);
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            ex.getResponseBody().write(bytes);
        }
    }

    static String reasonPhrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Rate limit exceeded";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "HTTP " + status;
        };
    }
}
