package com.nextpanel.billing.signin.control;

import com.nextpanel.billing.audit.control.AuditLog;
import com.nextpanel.billing.billing.control.Customers;
import com.nextpanel.billing.billing.entity.Customer;
import com.nextpanel.billing.platform.ErrorCode;
import com.nextpanel.billing.platform.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** What a signed-in customer changes about themselves. */
@ApplicationScoped
@Transactional
public class CustomerProfile {

    @Inject
    Customers customers;

    @Inject
    CustomerPasswords passwords;

    @Inject
    CustomerSessions sessions;

    @Inject
    AuditLog audit;

    public Customer of(long customerId) {
        return customers.get(customerId);
    }

    /** The session's CSRF token, for the page to send back with each change. */
    public String csrfToken(String sessionHash) {
        return sessions.findActive(sessionHash)
                .orElseThrow(() -> new Refusal(ErrorCode.UNAUTHORIZED, "Your session has ended; sign in again"))
                .csrfToken();
    }

    public Customer change(long customerId, String fullName, String phone, String company) {
        Customer customer = customers.get(customerId);
        customer.changeProfile(fullName, phone, company);
        return customer;
    }

    /**
     * Needs the current password (a wrong one is a 400, not a sign-in failure: the caller is
     * signed in already); then ends every other session, the one in use stays.
     */
    public void changePassword(long customerId, String sessionHash, String currentPassword, String newPassword) {
        Customer customer = customers.get(customerId);
        if (!passwords.matches(currentPassword, customer.passwordHash())) {
            throw Refusal.invalid("The current password is not right");
        }
        customer.changePasswordHash(passwords.hash(newPassword));
        sessions.endAllBut(customerId, sessionHash);
        audit.appendByCustomer(customerId, "customer.password_change", "customer", customerId,
                "password changed; other sessions ended");
    }
}
