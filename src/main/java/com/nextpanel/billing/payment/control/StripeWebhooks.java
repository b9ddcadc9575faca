package com.nextpanel.billing.payment.control;

import com.nextpanel.billing.platform.Refusal;
import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.model.EventDataObjectDeserializer;
import com.stripe.model.StripeObject;
import com.stripe.model.checkout.Session;
import com.stripe.net.Webhook;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Stripe's webhook deliveries: the signature is verified over the raw body (Stripe-Signature,
 * 300 s tolerance) before anything is read; a paid Checkout Session is applied once per event id.
 */
@ApplicationScoped
public class StripeWebhooks {

    private static final Logger LOG = Logger.getLogger(StripeWebhooks.class.getName());

    /** The events that say a Checkout Session's money arrived (a card at once; a bank debit later). */
    static final Set<String> PAID_EVENTS = Set.of("checkout.session.completed",
            "checkout.session.async_payment_succeeded");

    @Inject
    StripeConfig stripe;

    @Inject
    PaidSessions paidSessions;

    /** What became of a delivery, and of which event. */
    public record Delivery(String eventId, String eventType, PaidSessions.Outcome outcome) {
    }

    public Delivery receive(String payload, String signatureHeader) {
        String secret = stripe.webhookSecret(); // 503 when none: an unverifiable event is never applied
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw Refusal.invalid("The Stripe-Signature header is missing: only Stripe's signed events are taken");
        }
        Event event;
        try {
            event = Webhook.constructEvent(payload == null ? "" : payload, signatureHeader, secret);
        } catch (SignatureVerificationException e) {
            LOG.warning("Stripe webhook refused: " + e.getMessage()); // says why (no header, no match, too old)
            throw Refusal.invalid("The Stripe-Signature does not verify for this body: " + e.getMessage());
        } catch (RuntimeException malformed) { // a signed body that is no event JSON
            throw Refusal.invalid("The body is not a Stripe event");
        }
        if (!PAID_EVENTS.contains(event.getType())) {
            return new Delivery(event.getId(), event.getType(), PaidSessions.Outcome.IGNORED);
        }
        PaidSession session = PaidSession.of(sessionOf(event));
        if (!session.paid()) { // completed, but an async payment is still under way: its success event follows
            return new Delivery(event.getId(), event.getType(), PaidSessions.Outcome.IGNORED);
        }
        return new Delivery(event.getId(), event.getType(),
                paidSessions.applyEvent(event.getId(), event.getType(), session));
    }

    /** Typed when the event's api_version matches the library's; otherwise read as well as it can be. */
    private static Session sessionOf(Event event) {
        EventDataObjectDeserializer data = event.getDataObjectDeserializer();
        StripeObject object = data.getObject().orElse(null);
        if (object == null) {
            try {
                object = data.deserializeUnsafe();
            } catch (EventDataObjectDeserializationException e) {
                throw Refusal.invalid("Event " + event.getId() + " carries no readable Checkout Session");
            }
        }
        if (!(object instanceof Session session)) {
            throw Refusal.invalid("Event " + event.getId() + " carries a " + object.getClass().getSimpleName()
                    + ", not a Checkout Session");
        }
        return session;
    }
}
