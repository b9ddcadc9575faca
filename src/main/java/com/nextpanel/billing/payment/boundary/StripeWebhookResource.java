package com.nextpanel.billing.payment.boundary;

import com.nextpanel.billing.payment.control.StripeWebhooks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Stripe's webhook endpoint: no operator token (BearerTokenMechanism lets exactly this path
 * through), the Stripe-Signature is the authentication. 200 for every verified event, applied,
 * replayed, ignored or refused alike (a refused one is audited; a retry could not change it);
 * 400 for a signature that does not verify; 503 while no webhook secret is configured.
 */
@Path("/v1/payments/stripe")
@ApplicationScoped
@Tag(name = "Card payments: Stripe webhook")
public class StripeWebhookResource {

    @Inject
    StripeWebhooks webhooks;

    @POST
    @Path("/webhook")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirementsSet({})
    @Operation(operationId = "receiveStripeWebhook",
            summary = "Stripe's event delivery (checkout.session.completed, checkout.session.async_payment_succeeded)")
    public JsonObject receive(String payload, @HeaderParam("Stripe-Signature") String signature) {
        StripeWebhooks.Delivery delivery = webhooks.receive(payload, signature);
        return Json.createObjectBuilder()
                .add("received", true)
                .add("event_id", delivery.eventId())
                .add("outcome", delivery.outcome().name().toLowerCase(Locale.ROOT))
                .build();
    }
}
