package com.nextpanel.billing.billing.control;

import com.nextpanel.billing.billing.entity.Customer;
import com.nextpanel.billing.billing.entity.HostingOrder;
import com.nextpanel.billing.billing.entity.Invoice;
import com.nextpanel.billing.billing.entity.Plan;
import com.nextpanel.billing.billing.entity.Service;
import com.nextpanel.billing.hosting.control.Accounts;
import com.nextpanel.billing.notify.control.Emails;
import com.nextpanel.billing.platform.ErrorCode;
import com.nextpanel.billing.platform.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Placing an order: the order, the service it buys and its first invoice, due at once. */
@ApplicationScoped
@Transactional
public class Orders {

    @Inject
    Customers customers;

    @Inject
    Plans plans;

    @Inject
    Services services;

    @Inject
    Invoices invoices;

    @Inject
    Accounts accounts;

    @Inject
    Emails emails;

    @Inject
    Clock clock;

    /** An order with its service and first invoice. */
    public record Placed(HostingOrder order, Service service, Invoice invoice) {
    }

    public Placed place(long customerId, long planId, String username) {
        Customer customer = customers.get(customerId);
        Plan plan = plans.get(planId);
        if (!plan.active()) {
            throw new Refusal(ErrorCode.PLAN_NOT_FOR_SALE, "Plan '" + plan.name()
                    + "' is not active");
        }
        accounts.refuseTakenUsername(username);
        if (services.usernameAwaited(username)) {
            throw Refusal.conflict("Username '" + username + "' is already taken by another order");
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        HostingOrder order = services.add(new HostingOrder(customerId, planId, username, clock.instant()));
        Service service = services.add(new Service(customerId, planId, order.id(), today, clock.instant()));
        Invoice invoice = invoices.issue(service, order.id(), plan, today, today);
        emails.invoice(customer.email(), customer.fullName(), invoice.number(), invoice.total().toString(),
                invoice.dueDate(), invoice.lines().stream().map(l -> l.description() + ": " + l.amount()).toList(),
                invoice.id());
        return new Placed(order, service, invoice);
    }
}
