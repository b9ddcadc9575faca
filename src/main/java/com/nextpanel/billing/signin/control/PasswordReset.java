package com.nextpanel.billing.signin.control;

import com.nextpanel.billing.audit.control.AuditLog;
import com.nextpanel.billing.billing.control.Customers;
import com.nextpanel.billing.billing.entity.Customer;
import com.nextpanel.billing.notify.control.Emails;
import com.nextpanel.billing.platform.PublicAddress;
import com.nextpanel.billing.signin.entity.LinkPurpose;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;

/**
 * "Forgot password": a one-time link by email sets a new one. It is also how a customer an
 * operator created (who has no password) claims the account.
 */
@ApplicationScoped
@Transactional
public class PasswordReset {

    @Inject
    Customers customers;

    @Inject
    CustomerLinks links;

    @Inject
    CustomerPasswords passwords;

    @Inject
    CustomerSessions sessions;

    @Inject
    Emails emails;

    @Inject
    PublicAddress address;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** Sends the link if a customer has this email; the caller learns nothing either way. */
    public void request(String email) {
        customers.findByEmail(email).ifPresent(customer -> {
            String token = links.issue(customer.id(), LinkPurpose.RESET_PASSWORD);
            emails.passwordReset(customer.email(), customer.fullName(),
                    address.link("/store/reset.html?token=" + token), LinkPurpose.RESET_PASSWORD.validForText());
        });
    }

    /**
     * Sets the new password. Opening the emailed link proves the mailbox is the customer's, so
     * the email counts as verified; every session ends, as someone else may hold one.
     */
    public void complete(String token, String newPassword) {
        Customer customer = customers.get(links.use(token, LinkPurpose.RESET_PASSWORD));
        customer.changePasswordHash(passwords.hash(newPassword));
        customer.emailVerified(clock.instant());
        sessions.endAll(customer.id());
        audit.appendByCustomer(customer.id(), "customer.password_reset", "customer", customer.id(),
                "password set through an emailed link; all sessions ended");
    }
}
