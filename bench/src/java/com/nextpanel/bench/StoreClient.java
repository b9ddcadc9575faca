package com.nextpanel.bench;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One customer's browser on the store API (docs/store.md): keeps the {@code np_session} cookie the
 * server sets and sends the session's CSRF token with every change. Plain blocking
 * HttpURLConnection over kept-alive connections, as {@link AppApi#provision} sends (bench/README.md).
 */
final class StoreClient {

    private final String base;
    private String cookie;
    private String csrf;

    StoreClient(String base) {
        this.base = base;
    }

    /** POST with a JSON body (or none); remembers the cookie and the csrf_token it is given. */
    AppApi.Reply post(String path, JsonObject body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.toString().getBytes(StandardCharsets.UTF_8);
        HttpURLConnection connection = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(60_000);
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(bytes.length);
        connection.setRequestProperty("Accept", "application/json");
        connection.setRequestProperty("Content-Type", "application/json");
        if (cookie != null) {
            connection.setRequestProperty("Cookie", "np_session=" + cookie);
        }
        if (csrf != null) {
            connection.setRequestProperty("X-CSRF-Token", csrf);
        }
        try (OutputStream out = connection.getOutputStream()) {
            out.write(bytes);
        }
        int status = connection.getResponseCode();
        InputStream answer = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        String text;
        try (answer) {
            text = answer == null ? "" : new String(answer.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String set : connection.getHeaderFields().getOrDefault("Set-Cookie", List.of())) {
            if (set.startsWith("np_session=")) {
                int end = set.indexOf(';');
                cookie = set.substring("np_session=".length(), end < 0 ? set.length() : end);
            }
        }
        AppApi.Reply reply = new AppApi.Reply(status, text);
        if (status / 100 == 2 && text.contains("\"csrf_token\"")) {
            csrf = reply.json().getString("csrf_token");
        }
        return reply;
    }

    /** The reply's JSON when it has the expected status; otherwise an exception that says what came. */
    static JsonObject expect(AppApi.Reply reply, int status, String what) {
        if (reply.status() != status) {
            throw new IllegalStateException(what + ": HTTP " + reply.status() + " " + reply.shortBody());
        }
        return reply.json();
    }
}
