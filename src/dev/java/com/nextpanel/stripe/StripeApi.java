package com.nextpanel.stripe;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The API calls stripe-java makes for billing: POST /v1/checkout/sessions, GET
 * /v1/checkout/sessions/{id} (expand[]=payment_intent), GET /v1/payment_intents/{id}. Bearer
 * secret key required; errors in Stripe's {"error": {...}} shape.
 */
final class StripeApi {

    private final FakeStripe stripe;

    StripeApi(FakeStripe stripe) {
        this.stripe = stripe;
    }

    void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!("Bearer " + stripe.secretKey()).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                error(exchange, 401, "invalid_request_error", "Invalid API Key provided");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            FormParams query = FormParams.parse(exchange.getRequestURI().getRawQuery());
            if (method.equals("POST") && path.equals("/v1/checkout/sessions")) {
                create(exchange, FormParams.parse(new String(exchange.getRequestBody().readAllBytes(),
                        StandardCharsets.UTF_8)));
            } else if (method.equals("GET") && path.startsWith("/v1/checkout/sessions/")) {
                FakeSession session = stripe.sessions.get(path.substring("/v1/checkout/sessions/".length()));
                if (session == null) {
                    error(exchange, 404, "invalid_request_error", "No such checkout.session");
                    return;
                }
                boolean expand = query.get("expand[]", "").contains("payment_intent")
                        || query.get("expand[0]", "").equals("payment_intent");
                json(exchange, 200, session.json(expand && session.paid() ? session.intentJson() : null).toString());
            } else if (method.equals("GET") && path.startsWith("/v1/payment_intents/")) {
                FakeSession session = stripe.byIntent.get(path.substring("/v1/payment_intents/".length()));
                if (session == null) {
                    error(exchange, 404, "invalid_request_error", "No such payment_intent");
                    return;
                }
                json(exchange, 200, session.intentJson().toString());
            } else {
                error(exchange, 404, "invalid_request_error", "Unrecognized request URL (" + method + " " + path
                        + "); the fake implements checkout sessions and payment intents only");
            }
        }
    }

    private void create(HttpExchange exchange, FormParams form) throws IOException {
        String successUrl = form.get("success_url");
        String currency = form.get("line_items[0][price_data][currency]");
        if (successUrl == null || currency == null || !"payment".equals(form.get("mode"))) {
            error(exchange, 400, "invalid_request_error",
                    "mode=payment, success_url and line_items[0][price_data][currency] are required");
            return;
        }
        long total = 0;
        for (int i = 0; form.get("line_items[" + i + "][price_data][unit_amount]") != null; i++) {
            total += form.getLong("line_items[" + i + "][price_data][unit_amount]", 0)
                    * form.getLong("line_items[" + i + "][quantity]", 1);
        }
        Map<String, String> metadata = form.under("metadata");
        Map<String, String> intentMetadata = form.under("payment_intent_data[metadata]");
        FakeSession session = stripe.addSession(total, currency, metadata, intentMetadata,
                form.get("client_reference_id"), successUrl, form.get("cancel_url"));
        json(exchange, 200, session.json(null).toString());
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        json(exchange, status, Json.createObjectBuilder().add("error", Json.createObjectBuilder()
                .add("type", type).add("message", message)).build().toString());
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        exchange.getResponseHeaders().set("Request-Id", "req_" + FakeStripe.random());
        FakeStripe.answer(exchange, status, "application/json", body);
    }
}
