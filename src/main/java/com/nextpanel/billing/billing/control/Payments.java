package com.nextpanel.billing.billing.control;

import com.nextpanel.billing.audit.control.AuditLog;
import com.nextpanel.billing.automation.entity.Job;
import com.nextpanel.billing.billing.entity.Customer;
import com.nextpanel.billing.billing.entity.HostingOrder;
import com.nextpanel.billing.billing.entity.Invoice;
import com.nextpanel.billing.billing.entity.Money;
import com.nextpanel.billing.billing.entity.Payment;
import com.nextpanel.billing.billing.entity.Plan;
import com.nextpanel.billing.billing.entity.Service;
import com.nextpanel.billing.hosting.control.AccountActions;
import com.nextpanel.billing.hosting.control.NewAccount;
import com.nextpanel.billing.hosting.control.Passwords;
import com.nextpanel.billing.hosting.control.Provisioning;
import com.nextpanel.billing.hosting.entity.AccountHolder;
import com.nextpanel.billing.platform.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;

/**
 * Money in. A payment and everything it sets off happen in one transaction: the invoice settles,
 * the order's account is queued for provisioning (a job, as every panel action), a renewal moves the due date,
 * a service suspended for non-payment is queued for unsuspension. A replayed notification (same
 * external reference) changes nothing.
 */
@ApplicationScoped
@Transactional
public class Payments {

    @Inject
    Invoices invoices;

    @Inject
    Services services;

    @Inject
    Customers customers;

    @Inject
    Plans plans;

    @Inject
    Provisioning provisioning;

    @Inject
    AccountActions actions;

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
            if (earlier.get().invoiceId() != invoiceId) {
                throw Problem.conflict("Payment reference '" + reference + "' was used for another invoice");
            }
            return new Recorded(earlier.get(), invoice, true);
        }
        invoice.requirePayable(amount);
        if (invoice.status() == Invoice.Status.PAID) {
            throw Problem.conflict("Invoice " + invoice.number() + " is paid already; this payment was not recorded");
        }
        Payment payment = invoices.add(new Payment(invoiceId, amount, method, reference, clock.instant()));
        if (invoice.settleIfCovered(invoices.paidSoFar(invoice), clock.instant())) {
            settled(invoice);
        }
        audit.success("invoice.payment", "invoice", invoiceId, amount + " by " + method + ", reference " + reference
                + (invoice.status() == Invoice.Status.PAID ? "; invoice paid" : "; invoice partly paid"));
        return new Recorded(payment, invoice, false);
    }

    /** The integration guide's "mark the order paid": pays its first invoice in full, once. */
    public Recorded payOrder(long orderId, String method, String reference) {
        Invoice first = invoices.firstOf(orderId);
        if (first.status() == Invoice.Status.PAID) {
            return new Recorded(null, first, true);
        }
        return record(first.id(), first.total(), method == null ? "manual" : method,
                reference == null ? "order-" + orderId + "-" + first.number() : reference);
    }

    private void settled(Invoice invoice) {
        Service service = services.lock(invoice.serviceId());
        service.paidThrough(invoice.periodEnd(), clock.instant());
        HostingOrder order = services.order(invoice.orderId());
        if (order.markPaid(clock.instant()) && service.accountId() == null) {
            provision(order, service);
        } else if (service.suspendedForNonpayment() && !invoices.hasOverdue(service.id())) {
            try {
                actions.enqueue(service.accountId(), Job.Kind.UNSUSPEND, null);
            } catch (Problem alreadyUnderWay) {
                // an action is queued for the account already; the automation run will look again
            }
        }
    }

    private void provision(HostingOrder order, Service service) {
        Customer customer = customers.get(order.customerId());
        Plan plan = plans.get(order.planId());
        var holder = new AccountHolder(order.username(), customer.email(), customer.fullName(), customer.phone(),
                customer.company(), plan.packageId());
        Job job = provisioning.enqueue(new NewAccount(holder, Passwords.generate(), customer.id(), order.id(), null,
                new NewAccount.Placement(plan.preferredLocation(), plan.preferredTag())));
        service.attach(job.accountId(), clock.instant());
    }
}
