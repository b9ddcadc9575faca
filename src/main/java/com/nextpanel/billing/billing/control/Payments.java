package com.nextpanel.billing.billing.control;

import com.nextpanel.billing.audit.control.AuditLog;
import com.nextpanel.billing.audit.entity.AuditEntry.Outcome;
import com.nextpanel.billing.billing.entity.Customer;
import com.nextpanel.billing.billing.entity.Invoice;
import com.nextpanel.billing.billing.entity.Money;
import com.nextpanel.billing.billing.entity.Payment;
import com.nextpanel.billing.notify.control.Emails;
import com.nextpanel.billing.platform.ErrorCode;
import com.nextpanel.billing.platform.PublicAddress;
import com.nextpanel.billing.platform.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Money in, for every gateway (an operator, a bank, Stripe). A payment and everything it sets off
 * happen in one transaction: the invoice settles, what the payment starts is queued
 * ({@link Settlement}), the customer's receipt is queued. A notification delivered again (same
 * external reference, same invoice, same amount) changes nothing; the same reference with another
 * invoice or amount is refused. A payment never exceeds what the invoice still owes.
 */
@ApplicationScoped
@Transactional
public class Payments {

    private static final Logger LOG = Logger.getLogger(Payments.class.getName());

    @Inject
    Invoices invoices;

    @Inject
    Customers customers;

    @Inject
    Settlement settlement;

    @Inject
    Emails emails;

    @Inject
    PublicAddress publicAddress;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** A payment as recorded; {@code replayed} when it had been recorded before. */
    public record Recorded(Payment payment, Invoice invoice, boolean replayed) {
    }

    public Recorded record(long invoiceId, Money amount, String method, String reference) {
        Invoice invoice = invoices.lock(invoiceId); // serializes two deliveries of one notification
        var earlier = invoices.payment(reference);
        if (earlier.isPresent()) {
            return replay(earlier.get(), invoice, amount, reference);
        }
        invoice.requirePayable(amount);
        if (invoice.status() == Invoice.Status.PAID) {
            throw Refusal.conflict("Invoice " + invoice.number() + " is paid already; this payment was not recorded");
        }
        invoice.requireWithinOwed(amount, invoices.paidSoFar(invoice));
        Payment payment = invoices.add(new Payment(invoiceId, amount, method, reference, clock.instant()));
        Money paidSoFar = invoices.paidSoFar(invoice);
        boolean settled = invoice.settleIfCovered(paidSoFar, clock.instant());
        if (settled) {
            settlement.settled(invoice);
        }
        // In the payment's own transaction: a second one would hold a second pooled connection per
        // payment, and a burst of webhooks exhausted the pool that way (bench P7).
        audit.append("invoice.payment", "invoice", invoiceId, Outcome.SUCCESS, amount + " by " + method
                + ", reference " + reference
                + (invoice.status() == Invoice.Status.PAID ? "; invoice paid" : "; invoice partly paid"));
        receipt(invoice, amount, paidSoFar);
        return new Recorded(payment, invoice, false);
    }

    /**
     * The integration guide's "mark the order paid": pays what its first invoice still owes (all of
     * it, or what a partial payment left); an order paid already is a replay.
     */
    public Recorded payOrder(long orderId, String method, String reference) {
        Invoice first = invoices.lock(invoices.firstOf(orderId).id());
        if (first.status() == Invoice.Status.PAID) {
            return new Recorded(null, first, true);
        }
        Money owed = first.owed(invoices.paidSoFar(first));
        return record(first.id(), owed, method == null ? "manual" : method,
                reference == null ? "order-" + orderId + "-" + first.number() : reference);
    }

    private static Recorded replay(Payment earlier, Invoice invoice, Money amount, String reference) {
        if (!earlier.sameAs(invoice.id(), amount)) {
            throw Refusal.conflict("Payment reference '" + reference + "' was used already for " + earlier.amount()
                    + " on " + (earlier.invoiceId() == invoice.id() ? "this invoice" : "another invoice")
                    + "; this payment was not recorded");
        }
        return new Recorded(earlier, invoice, true);
    }

    void receipt(Invoice invoice, Money amount, Money paidSoFar) {
        Customer customer = customers.get(invoice.customerId());
        try {
            emails.paymentReceipt(customer.email(), customer.fullName(), invoice.number(), amount.toString(),
                    paidSoFar.toString(), invoice.total().toString(), invoice.status() == Invoice.Status.PAID,
                    publicAddress.link("/client/invoice.html?id=" + invoice.id()), invoice.id());
        } catch (Refusal unsendable) {
            if (!unsendable.is(ErrorCode.INVALID_RECIPIENT)) {
                throw unsendable;
            }
            // Emails refuses without marking the transaction: the payment stands without its receipt
            LOG.log(Level.WARNING, "No receipt for invoice {0}: {1}", new Object[] {invoice.id(), unsendable.detail()});
        }
    }
}
