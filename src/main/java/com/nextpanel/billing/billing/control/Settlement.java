package com.nextpanel.billing.billing.control;

import com.nextpanel.billing.alert.control.Alerts;
import com.nextpanel.billing.alert.entity.Alert;
import com.nextpanel.billing.audit.control.AuditLog;
import com.nextpanel.billing.audit.entity.AuditEntry.Outcome;
import com.nextpanel.billing.automation.entity.Job;
import com.nextpanel.billing.billing.entity.Customer;
import com.nextpanel.billing.billing.entity.HostingOrder;
import com.nextpanel.billing.billing.entity.Invoice;
import com.nextpanel.billing.billing.entity.Plan;
import com.nextpanel.billing.billing.entity.Service;
import com.nextpanel.billing.hosting.control.AccountActions;
import com.nextpanel.billing.hosting.control.Accounts;
import com.nextpanel.billing.hosting.control.NewAccount;
import com.nextpanel.billing.hosting.control.Passwords;
import com.nextpanel.billing.hosting.control.Provisioning;
import com.nextpanel.billing.hosting.entity.AccountHolder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * What a settled invoice sets off, in the payment's transaction: the paid period, the order's
 * account queued for provisioning, or a service suspended for non-payment queued for
 * unsuspension. Nothing here may undo the payment: what would be refused is asked first, and a
 * service whose account cannot be opened waits for an operator (needs_attention, with an alert).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Settlement {

    private static final Logger LOG = Logger.getLogger(Settlement.class.getName());

    @Inject
    Services services;

    @Inject
    Invoices invoices;

    @Inject
    Customers customers;

    @Inject
    Plans plans;

    @Inject
    Provisioning provisioning;

    @Inject
    Accounts accounts;

    @Inject
    AccountActions actions;

    @Inject
    Alerts alerts;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    public void settled(Invoice invoice) {
        Service service = services.lock(invoice.serviceId());
        service.paidThrough(invoice.periodEnd(), clock.instant());
        HostingOrder order = services.order(invoice.orderId());
        if (order.markPaid(clock.instant()) && service.accountId() == null) {
            provision(order, service, invoice);
        } else if (service.accountId() != null && accounts.get(service.accountId()).liftedByPayment()
                && !invoices.hasOverdue(service.id())) {
            actions.enqueueUnlessUnderWay(service.accountId(), Job.Kind.UNSUSPEND, null); // else the run looks again
        }
    }

    private void provision(HostingOrder order, Service service, Invoice invoice) {
        // Asked before queuing: a refusal thrown from the queue would roll the payment back with it.
        // (Two requests taking the name at the same instant still meet the unique index; the
        // gateway's retry then lands here and finds the name taken.)
        Optional<Long> holder = accounts.liveHolderOf(order.username());
        if (holder.isPresent()) {
            needsAttention(service, invoice, "username '" + order.username() + "' is already in use by account "
                    + holder.get());
            return;
        }
        Customer customer = customers.get(order.customerId());
        Plan plan = plans.get(order.planId());
        var accountHolder = new AccountHolder(order.username(), customer.email(), customer.fullName(),
                customer.phone(), customer.company(), plan.packageId());
        Job job = provisioning.enqueue(new NewAccount(accountHolder, Passwords.generate(), customer.id(), order.id(),
                null, new NewAccount.Placement(plan.preferredLocation(), plan.preferredTag())));
        service.attach(job.accountId(), clock.instant());
    }

    private void needsAttention(Service service, Invoice invoice, String why) {
        service.needsAttention(clock.instant());
        String message = "Service " + service.id() + " (order " + service.orderId() + ", customer "
                + service.customerId() + ") is paid (invoice " + invoice.number() + ") but its account was not opened: "
                + why + ". The payment is kept: open the account under another username, or refund the customer.";
        alerts.raise(Alert.Kind.SERVICE_NEEDS_ATTENTION, "service", service.id(), message);
        audit.append("service.provision", "service", service.id(), Outcome.REFUSED, message); // with the payment
        LOG.warning(message);
    }
}
