package com.nextpanel.billing.payment.control;

import com.nextpanel.billing.billing.control.Invoices;
import com.nextpanel.billing.billing.entity.Invoice;
import com.nextpanel.billing.billing.entity.Money;
import com.nextpanel.billing.platform.ErrorCode;
import com.nextpanel.billing.platform.PublicAddress;
import com.nextpanel.billing.platform.Refusal;
import com.stripe.exception.StripeException;
import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Currency;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Card payments through Stripe Checkout. The amount always comes from the invoice (what it still
 * owes), never from the browser. Stripe is called outside any database transaction; what a paid
 * session does is applied by {@link PaidSessions}, the same way for the webhook and the return page.
 */
@ApplicationScoped
public class CardPayments {

    private static final Logger LOG = Logger.getLogger(CardPayments.class.getName());

    @Inject
    StripeConfig stripe;

    @Inject
    Invoices invoices;

    @Inject
    PaidSessions paidSessions;

    @Inject
    PublicAddress publicAddress;

    /** Where an invoice stands after a return from Stripe. */
    public record Reconciled(long invoiceId, Invoice.Status invoiceStatus, PaidSessions.Outcome outcome) {
    }

    /** Creates a Checkout Session for what {@code invoice} still owes; answers the URL to send the customer to. */
    public String startCheckout(Invoice invoice, String successUrl, String cancelUrl) {
        if (!invoice.isOpen()) {
            throw Refusal.conflict("Invoice " + invoice.number() + " is " + invoice.status().name().toLowerCase(Locale.ROOT)
                    + " and takes no payment");
        }
        Money owed = invoice.owed(invoices.paidSoFar(invoice));
        String invoiceId = String.valueOf(invoice.id());
        var params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .setSuccessUrl(successUrl)
                .setCancelUrl(cancelUrl)
                .setClientReferenceId(invoiceId)
                .putMetadata("invoice_id", invoiceId)
                .putMetadata("invoice_number", invoice.number())
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                        .putMetadata("invoice_id", invoiceId).build())
                .addLineItem(SessionCreateParams.LineItem.builder().setQuantity(1L)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                                .setCurrency(owed.currency().toLowerCase(Locale.ROOT))
                                .setUnitAmount(minorUnits(owed))
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                        .setName("Invoice " + invoice.number()).build())
                                .build())
                        .build())
                .build();
        try {
            return stripe.client().checkout().sessions().create(params).getUrl();
        } catch (StripeException e) {
            throw unavailable("create a checkout session for invoice " + invoice.number(), e);
        }
    }

    /** {@link #startCheckout} for a signed-in customer's own open invoice, coming back to the client area. */
    public String startCheckoutFor(long customerId, long invoiceId) {
        Invoice invoice = invoices.ofCustomer(customerId, invoiceId);
        String page = "/client/invoice.html?id=" + invoiceId;
        return startCheckout(invoice, publicAddress.link(page + "&session_id={CHECKOUT_SESSION_ID}"),
                publicAddress.link(page));
    }

    /** Reads the session from Stripe and, if it is paid, applies it exactly as its webhook would. */
    public Reconciled reconcile(String checkoutSessionId) {
        PaidSession paid = PaidSession.of(retrieve(checkoutSessionId));
        if (paid.invoiceId() == null) {
            throw new Refusal(ErrorCode.NOT_AN_INVOICE_SESSION,
                    "Checkout Session " + checkoutSessionId + " pays no invoice of ours");
        }
        return applied(paid);
    }

    /** The customer's return page: the session must pay this customer's invoice {@code invoiceId}. */
    public Reconciled reconcileFor(long customerId, long invoiceId, String checkoutSessionId) {
        invoices.ofCustomer(customerId, invoiceId);
        PaidSession paid = PaidSession.of(retrieve(checkoutSessionId));
        if (paid.invoiceId() == null || paid.invoiceId() != invoiceId) {
            throw Refusal.notFound("Checkout Session for invoice " + invoiceId + ":", checkoutSessionId);
        }
        return applied(paid);
    }

    private Reconciled applied(PaidSession paid) {
        PaidSessions.Outcome outcome = paidSessions.apply(paid);
        return new Reconciled(paid.invoiceId(), invoices.get(paid.invoiceId()).status(), outcome);
    }

    private Session retrieve(String checkoutSessionId) {
        if (checkoutSessionId == null || !checkoutSessionId.matches("cs_[A-Za-z0-9_]{1,250}")) {
            throw Refusal.invalid("'" + checkoutSessionId + "' is not a Checkout Session id (cs_…)");
        }
        try {
            return stripe.client().checkout().sessions().retrieve(checkoutSessionId);
        } catch (com.stripe.exception.InvalidRequestException e) {
            if (e.getStatusCode() != null && e.getStatusCode() == 404) {
                throw Refusal.notFound("Checkout Session", checkoutSessionId);
            }
            throw unavailable("read checkout session " + checkoutSessionId, e);
        } catch (StripeException e) {
            throw unavailable("read checkout session " + checkoutSessionId, e);
        }
    }

    static long minorUnits(Money amount) {
        int digits = Currency.getInstance(amount.currency()).getDefaultFractionDigits();
        return amount.amount().movePointRight(digits).longValueExact();
    }

    private static Refusal unavailable(String what, StripeException e) {
        LOG.log(Level.WARNING, "Stripe: could not {0}: {1} (request {2})",
                new Object[] {what, e.getStripeError() == null ? e.getClass().getSimpleName() : e.getStripeError().getType(),
                        e.getRequestId()});
        return new Refusal(ErrorCode.STRIPE_UNAVAILABLE,
                "Stripe could not " + what + " just now; please try again in a moment");
    }
}
