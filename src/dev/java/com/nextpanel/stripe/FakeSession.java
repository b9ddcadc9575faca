package com.nextpanel.stripe;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Map;

/** A Checkout Session in the fake's memory; paid once, with its PaymentIntent. */
final class FakeSession {

    final String id;
    final long amountTotal;
    final String currency;
    final Map<String, String> metadata;
    final Map<String, String> paymentIntentMetadata;
    final String clientReferenceId;
    final String successUrl;
    final String cancelUrl;
    final String url;
    final long created;
    private String paymentIntentId; // guarded by this
    private boolean paid; // guarded by this

    FakeSession(String id, long amountTotal, String currency, Map<String, String> metadata,
            Map<String, String> paymentIntentMetadata, String clientReferenceId, String successUrl, String cancelUrl,
            String url, long created) {
        this.id = id;
        this.amountTotal = amountTotal;
        this.currency = currency;
        this.metadata = Map.copyOf(metadata);
        this.paymentIntentMetadata = Map.copyOf(paymentIntentMetadata);
        this.clientReferenceId = clientReferenceId;
        this.successUrl = successUrl;
        this.cancelUrl = cancelUrl;
        this.url = url;
        this.created = created;
    }

    /** Marks it paid with this PaymentIntent; false if it was paid already. */
    synchronized boolean pay(String intentId) {
        if (paid) {
            return false;
        }
        paid = true;
        paymentIntentId = intentId;
        return true;
    }

    synchronized boolean paid() {
        return paid;
    }

    synchronized String paymentIntentId() {
        return paymentIntentId;
    }

    /** Stripe's JSON for a checkout.session; {@code intent} embedded when expanded. */
    synchronized JsonObject json(JsonObject intent) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("id", id)
                .add("object", "checkout.session")
                .add("amount_subtotal", amountTotal)
                .add("amount_total", amountTotal)
                .add("currency", currency)
                .add("metadata", Json.createObjectBuilder(Map.<String, Object>copyOf(metadata)))
                .add("mode", "payment")
                .add("payment_status", paid ? "paid" : "unpaid")
                .add("status", paid ? "complete" : "open")
                .add("success_url", successUrl)
                .add("livemode", false)
                .add("created", created);
        nullable(json, "client_reference_id", clientReferenceId);
        nullable(json, "cancel_url", cancelUrl);
        nullable(json, "url", paid ? null : url); // Stripe drops the URL once the session is complete
        if (intent != null) {
            json.add("payment_intent", intent);
        } else {
            nullable(json, "payment_intent", paymentIntentId);
        }
        return json.build();
    }

    /** The PaymentIntent JSON, once paid. */
    synchronized JsonObject intentJson() {
        return Json.createObjectBuilder()
                .add("id", paymentIntentId)
                .add("object", "payment_intent")
                .add("amount", amountTotal)
                .add("amount_received", amountTotal)
                .add("currency", currency)
                .add("status", "succeeded")
                .add("metadata", Json.createObjectBuilder(Map.<String, Object>copyOf(paymentIntentMetadata)))
                .add("livemode", false)
                .add("created", created)
                .build();
    }

    private static void nullable(JsonObjectBuilder json, String name, String value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }
}
