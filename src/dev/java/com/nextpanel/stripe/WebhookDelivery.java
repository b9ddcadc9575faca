package com.nextpanel.stripe;

/** One webhook delivery: which event (null for an arbitrary payload), the status the endpoint answered (-1: unreachable), its body. */
public record WebhookDelivery(String eventId, int status, String body) {
}
