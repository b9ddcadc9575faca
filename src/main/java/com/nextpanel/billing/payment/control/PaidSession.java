package com.nextpanel.billing.payment.control;

import com.stripe.model.checkout.Session;
import java.util.Map;
import java.util.Optional;

/**
 * What a Checkout Session says about money, as read from Stripe (an event or a retrieve): which
 * invoice it pays (metadata invoice_id, else client_reference_id), the PaymentIntent that is the
 * payment's external reference, amount in minor units and lower-case currency.
 */
public record PaidSession(String sessionId, Long invoiceId, String paymentIntentId, Long amountTotal, String currency,
        boolean paid) {

    public static PaidSession of(Session session) {
        Map<String, String> metadata = session.getMetadata() == null ? Map.of() : session.getMetadata();
        String invoice = Optional.ofNullable(metadata.get("invoice_id")).orElse(session.getClientReferenceId());
        return new PaidSession(session.getId(), parse(invoice), session.getPaymentIntent(), session.getAmountTotal(),
                session.getCurrency(), "paid".equals(session.getPaymentStatus()));
    }

    private static Long parse(String id) {
        try {
            return id == null ? null : Long.valueOf(id.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
