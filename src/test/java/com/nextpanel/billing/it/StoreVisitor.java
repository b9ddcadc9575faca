package com.nextpanel.billing.it;

import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A customer's browser on the store API, over real HTTP: keeps the np_session cookie the server
 * sets (and drops it when cleared) and sends the CSRF token it was given, unless told otherwise.
 */
final class StoreVisitor {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private String sessionCookie;
    private String csrfToken;
    private final Map<String, String> extraHeaders = new LinkedHashMap<>();

    StoreVisitor(URL deployment) {
        String url = deployment.toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Another browser of the same customer... or of an attacker who stole or planted this cookie. */
    StoreVisitor withCookie(String cookie) {
        sessionCookie = cookie;
        return this;
    }

    StoreVisitor header(String name, String value) {
        extraHeaders.put(name, value);
        return this;
    }

    String cookie() {
        return sessionCookie;
    }

    String csrfToken() {
        return csrfToken;
    }

    void useCsrfToken(String token) {
        csrfToken = token;
    }

    Api.Reply get(String path) {
        return send("GET", path, null);
    }

    Api.Reply post(String path, JsonStructure body) {
        return send("POST", path, body);
    }

    Api.Reply put(String path, JsonStructure body) {
        return send("PUT", path, body);
    }

    Api.Reply delete(String path) {
        return send("DELETE", path, null);
    }

    Api.Reply send(String method, String path, JsonStructure body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (sessionCookie != null) {
            request.header("Cookie", "np_session=" + sessionCookie);
        }
        if (csrfToken != null) {
            request.header("X-CSRF-Token", csrfToken);
        }
        extraHeaders.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Api.Reply reply = new Api.Reply(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body(), response);
            remember(reply);
            return reply;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What a browser does with Set-Cookie, and what the store page does with a session body's csrf_token. */
    private void remember(Api.Reply reply) {
        String setCookie = reply.header("Set-Cookie");
        if (setCookie != null && setCookie.startsWith("np_session=")) {
            String value = setCookie.substring("np_session=".length(), setCookie.indexOf(';'));
            sessionCookie = value.isEmpty() ? null : value;
        }
        if (reply.status() / 100 == 2 && reply.contentType().startsWith("application/json")
                && reply.body().contains("\"csrf_token\"")) {
            csrfToken = reply.json().getString("csrf_token");
        }
    }
}
