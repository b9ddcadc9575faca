package com.nextpanel.billing.billing.control;

import com.nextpanel.billing.billing.entity.Customer;
import com.nextpanel.billing.billing.entity.Invoice;
import com.nextpanel.billing.billing.entity.Service;
import com.nextpanel.billing.notify.control.Emails;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.LocalDate;

/** The next period's invoice, issued invoice-days-before the due date; once per period. */
@ApplicationScoped
@Transactional
public class Renewals {

    @Inject
    Services services;

    @Inject
    Invoices invoices;

    @Inject
    Customers customers;

    @Inject
    Plans plans;

    @Inject
    Emails emails;

    /** Answers whether an invoice was issued (false: it existed already, or nothing is due). */
    public boolean issue(long serviceId, LocalDate billUntil) {
        Service service = services.lock(serviceId);
        LocalDate due = service.nextDueDate();
        boolean cancelledBefore = service.cancelAt() != null && !service.cancelAt().isAfter(due);
        if (!service.isLive() || due.isAfter(billUntil) || cancelledBefore
                || invoices.forPeriod(serviceId, due).isPresent()) {
            return false;
        }
        Invoice invoice = invoices.issue(service, service.orderId(), plans.get(service.planId()), due, due);
        Customer customer = customers.get(service.customerId());
        emails.invoice(customer.email(), customer.fullName(), invoice.number(), invoice.total().toString(),
                invoice.dueDate(), invoice.lines().stream().map(l -> l.description() + ": " + l.amount()).toList(),
                invoice.id());
        return true;
    }
}
