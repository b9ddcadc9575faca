package com.nextpanel.billing.payment.control;

import com.nextpanel.billing.audit.control.AuditLog;
import com.nextpanel.billing.billing.control.Invoices;
import com.nextpanel.billing.billing.control.Payments;
import com.nextpanel.billing.billing.entity.Invoice;
import com.nextpanel.billing.billing.entity.Money;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Applies a paid Checkout Session to its invoice, in one transaction: the Stripe event (if it came
 * as one) is recorded once, the amount and currency are checked against what the invoice owes,
 * and the payment goes through {@link Payments#record} (its invoice row lock and unique
 * PaymentIntent reference make the webhook and the return page credit an invoice once).
 * A session that does not match is not paid: it is audited and logged for an operator, and
 * Stripe is not asked to retry (retrying cannot make it match).
 */
@ApplicationScoped
@Transactional
public class PaidSessions {

    private static final Logger LOG = Logger.getLogger(PaidSessions.class.getName());
    static final String METHOD = "stripe";

    /** What became of a session. */
    public enum Outcome { APPLIED, REPLAYED, IGNORED, REFUSED }

    @PersistenceContext
    EntityManager em;

    @Inject
    Invoices invoices;

    @Inject
    Payments payments;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** An event: applied at most once by its id; a delivery seen before is a replay. */
    public Outcome applyEvent(String eventId, String eventType, PaidSession session) {
        int inserted = em.createNativeQuery("INSERT INTO stripe_event (id, type, received_at) VALUES (?1, ?2, ?3)"
                        + " ON CONFLICT (id) DO NOTHING") // a concurrent delivery waits here, then sees the row
                .setParameter(1, eventId).setParameter(2, eventType)
                .setParameter(3, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).executeUpdate();
        if (inserted == 0) {
            return Outcome.REPLAYED;
        }
        return apply(session);
    }

    /** A session read from Stripe by the return page: the same checks, no event to record. */
    public Outcome apply(PaidSession session) {
        if (!session.paid()) {
            return Outcome.IGNORED;
        }
        if (session.invoiceId() == null || session.paymentIntentId() == null) {
            return refused(session, null, "names no invoice or no PaymentIntent");
        }
        Optional<Invoice> found = invoices.findLocked(session.invoiceId());
        if (found.isEmpty()) {
            return refused(session, null, "names invoice " + session.invoiceId() + ", which does not exist");
        }
        Invoice invoice = found.get();
        Optional<Money> amount = amountOf(session, invoice);
        if (amount.isEmpty()) {
            return refused(session, invoice, "is in " + session.currency() + ", the invoice in "
                    + invoice.total().currency());
        }
        var earlier = invoices.payment(session.paymentIntentId());
        if (earlier.isPresent()) {
            return earlier.get().sameAs(invoice.id(), amount.get()) ? Outcome.REPLAYED
                    : refused(session, invoice, "reuses payment reference " + session.paymentIntentId());
        }
        if (!invoice.isOpen()) {
            return refused(session, invoice, "paid " + amount.get() + " but the invoice is "
                    + invoice.status().name().toLowerCase(Locale.ROOT) + " already; refund the customer");
        }
        Money owed = invoice.owed(invoices.paidSoFar(invoice));
        if (!owed.equals(amount.get())) {
            return refused(session, invoice, "paid " + amount.get() + " but the invoice owes " + owed);
        }
        payments.record(invoice.id(), amount.get(), METHOD, session.paymentIntentId());
        return Outcome.APPLIED;
    }

    /** The session's amount as Money in the invoice's currency; empty when the currencies differ. */
    private static Optional<Money> amountOf(PaidSession session, Invoice invoice) {
        String currency = invoice.total().currency();
        if (session.currency() == null || session.amountTotal() == null
                || !currency.equals(session.currency().toUpperCase(Locale.ROOT))) {
            return Optional.empty();
        }
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        return Optional.of(new Money(new BigDecimal(BigInteger.valueOf(session.amountTotal()), digits), currency));
    }

    private Outcome refused(PaidSession session, Invoice invoice, String why) {
        String detail = "Stripe Checkout Session " + session.sessionId() + " (PaymentIntent "
                + session.paymentIntentId() + ") " + why + "; nothing was paid";
        audit.append("invoice.payment", "invoice", invoice == null ? session.invoiceId() : invoice.id(),
                com.nextpanel.billing.audit.entity.AuditEntry.Outcome.REFUSED, detail);
        LOG.warning(detail);
        return Outcome.REFUSED;
    }
}
