package com.nextpanel.stripe;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;

/**
 * A small control API for scripts and other processes (tests in the same JVM call {@link FakeStripe}):
 * POST /_fake/webhook {"url", "secret"}; POST /_fake/pay {"session_id", "webhooks": "none|once|twice"}
 * → {"event_id"}; POST /_fake/resend {"event_id"}; GET /_fake/deliveries.
 */
final class FakeStripeControl {

    private final FakeStripe stripe;

    FakeStripeControl(FakeStripe stripe) {
        this.stripe = stripe;
    }

    void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            JsonObject body = exchange.getRequestMethod().equals("POST") ? read(exchange) : null;
            try {
                switch (path) {
                    case "/_fake/webhook" -> {
                        stripe.deliverTo(body.getString("url"), body.getString("secret"));
                        ok(exchange, Json.createObjectBuilder().add("url", body.getString("url")).build());
                    }
                    case "/_fake/pay" -> ok(exchange, Json.createObjectBuilder().add("event_id",
                            stripe.pay(body.getString("session_id"), FakeStripe.Webhooks.valueOf(
                                    body.getString("webhooks", "once").toUpperCase()))).build());
                    case "/_fake/resend" -> {
                        var delivery = stripe.resend(body.getString("event_id"));
                        ok(exchange, Json.createObjectBuilder().add("status", delivery.status()).build());
                    }
                    case "/_fake/deliveries" -> {
                        JsonArrayBuilder list = Json.createArrayBuilder();
                        stripe.deliveries().forEach(d -> list.add(Json.createObjectBuilder()
                                .add("event_id", String.valueOf(d.eventId())).add("status", d.status())));
                        FakeStripe.answer(exchange, 200, "application/json", list.build().toString());
                    }
                    default -> FakeStripe.answer(exchange, 404, "text/plain", "unknown control path");
                }
            } catch (RuntimeException e) {
                FakeStripe.answer(exchange, 400, "text/plain", e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }
    }

    private static JsonObject read(HttpExchange exchange) throws IOException {
        try (var reader = Json.createReader(new StringReader(new String(exchange.getRequestBody().readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8)))) {
            return reader.readObject();
        }
    }

    private static void ok(HttpExchange exchange, JsonObject body) throws IOException {
        FakeStripe.answer(exchange, 200, "application/json", body.toString());
    }
}
