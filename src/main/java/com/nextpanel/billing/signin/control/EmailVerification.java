package com.nextpanel.billing.signin.control;

import com.nextpanel.billing.billing.control.Customers;
import com.nextpanel.billing.billing.entity.Customer;
import com.nextpanel.billing.notify.control.Emails;
import com.nextpanel.billing.platform.PublicAddress;
import com.nextpanel.billing.signin.entity.LinkPurpose;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;

/** Proving the customer reads the mailbox: a one-time link by email, opened on the store's verify page. */
@ApplicationScoped
@Transactional
public class EmailVerification {

    @Inject
    Customers customers;

    @Inject
    CustomerLinks links;

    @Inject
    Emails emails;

    @Inject
    PublicAddress address;

    @Inject
    Clock clock;

    /** Queues a new link, unless the address is verified already. */
    public void send(Customer customer) {
        if (customer.isEmailVerified()) {
            return;
        }
        String token = links.issue(customer.id(), LinkPurpose.VERIFY_EMAIL);
        emails.emailVerification(customer.email(), customer.fullName(),
                address.link("/store/verify.html?token=" + token), LinkPurpose.VERIFY_EMAIL.validForText());
    }

    public void resend(long customerId) {
        send(customers.get(customerId));
    }

    /** Opens the link; answers the customer, whose address is now verified. */
    public Customer verify(String token) {
        Customer customer = customers.get(links.use(token, LinkPurpose.VERIFY_EMAIL));
        customer.emailVerified(clock.instant());
        return customer;
    }
}
