package com.nextpanel.stripe;

import com.stripe.net.Webhook;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Posts events to the configured endpoint, signed as Stripe signs them, and keeps what each answered. */
final class WebhookSender {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<WebhookDelivery> deliveries = new CopyOnWriteArrayList<>();
    private volatile String url;
    private volatile String secret;

    void configure(String endpoint, String signingSecret) {
        this.url = endpoint;
        this.secret = signingSecret;
    }

    String secret() {
        return secret;
    }

    boolean configured() {
        return url != null && secret != null;
    }

    /** Signed with the secret, timestamped now. */
    WebhookDelivery send(String eventId, String payload) {
        long now = System.currentTimeMillis() / 1000;
        return sendWithHeader(eventId, payload, header(secret, now, payload));
    }

    WebhookDelivery sendWithHeader(String eventId, String payload, String signatureHeader) {
        if (url == null) {
            throw new IllegalStateException("No webhook endpoint configured: call deliverTo(url, secret) first");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(payload));
        if (signatureHeader != null) {
            request.header("Stripe-Signature", signatureHeader);
        }
        WebhookDelivery delivery;
        try {
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            delivery = new WebhookDelivery(eventId, answer.statusCode(), answer.body());
        } catch (IOException e) {
            delivery = new WebhookDelivery(eventId, -1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            delivery = new WebhookDelivery(eventId, -1, "interrupted");
        }
        deliveries.add(delivery);
        return delivery;
    }

    List<WebhookDelivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** {@code t=<unix>,v1=<hex HMAC-SHA256(secret, t.payload)>}, as Stripe sends it. */
    static String header(String secret, long timestamp, String payload) {
        try {
            return "t=" + timestamp + ",v1=" + Webhook.Util.computeHmacSha256(secret, timestamp + "." + payload);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
