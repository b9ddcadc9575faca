package com.nextpanel.billing.billing.control;

import com.nextpanel.billing.billing.entity.Customer;
import com.nextpanel.billing.billing.entity.Service;
import com.nextpanel.billing.fleet.control.Fleet;
import com.nextpanel.billing.hosting.control.AccountChanged;
import com.nextpanel.billing.hosting.control.Accounts;
import com.nextpanel.billing.hosting.entity.HostingAccount;
import com.nextpanel.billing.notify.control.Emails;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;

/**
 * Keeps a service in step with its account and tells the customer, in the transaction that
 * records the panel's answer: the welcome email (with the password), suspension, unsuspension
 * and termination notices. Accounts made without an order (the integration guide's admin calls) have no
 * service and are left alone.
 */
@ApplicationScoped
public class ServiceFollower {

    /** The text the automation run suspends with; its cause, not this text, lets a payment lift it. */
    public static final String OVERDUE = "Payment overdue";

    @Inject
    Services services;

    @Inject
    Customers customers;

    @Inject
    Plans plans;

    @Inject
    Accounts accounts;

    @Inject
    Fleet fleet;

    @Inject
    Emails emails;

    @Inject
    Clock clock;

    void follow(@Observes AccountChanged changed) {
        services.lockOfAccount(changed.accountId()).ifPresent(service -> follow(service, changed));
    }

    private void follow(Service service, AccountChanged changed) {
        Instant now = clock.instant();
        HostingAccount account = accounts.get(changed.accountId());
        Customer customer = customers.get(service.customerId());
        Long accountId = account.id();
        switch (changed.change()) {
            case ACTIVATED -> {
                service.activate(now);
                services.order(service.orderId()).activate(now);
                String panelUrl = fleet.find(account.serverId()).map(s -> s.customerPanelUrl()).orElse("");
                emails.welcome(customer.email(), customer.fullName(), account.username(),
                        changed.password(), panelUrl, plans.get(service.planId()).name(), accountId,
                        service.id());
            }
            case FAILED -> {
                service.failed(now);
                services.order(service.orderId()).fail(now);
            }
            case SUSPENDED -> {
                service.suspended(account.suspensionCause(), now);
                emails.suspension(customer.email(), customer.fullName(), account.username(), changed.reason(),
                        accountId, service.id());
            }
            case UNSUSPENDED -> {
                service.unsuspended(now);
                emails.unsuspension(customer.email(), customer.fullName(), account.username(), accountId, service.id());
            }
            case TERMINATED -> {
                service.terminated(now);
                emails.termination(customer.email(), customer.fullName(), account.username(), accountId, service.id());
            }
        }
    }
}
