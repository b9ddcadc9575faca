package com.nextpanel.billing.signin.control;

import com.nextpanel.billing.audit.control.AuditLog;
import com.nextpanel.billing.billing.control.Customers;
import com.nextpanel.billing.billing.entity.Customer;
import com.nextpanel.billing.platform.ErrorCode;
import com.nextpanel.billing.platform.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;

/**
 * Signing up and signing in. A sign-in checks its password outside any transaction (the hash is
 * slow on purpose, and holds no database connection meanwhile).
 */
@ApplicationScoped
public class CustomerSignIn {

    /** The same for an unknown email, a wrong password and an account without one: nothing to learn from it. */
    static final String WRONG_CREDENTIALS = "The email or the password is not right";

    @Inject
    Customers customers;

    @Inject
    CustomerPasswords passwords;

    @Inject
    CustomerSessions sessions;

    @Inject
    SignInThrottle throttle;

    @Inject
    EmailVerification verification;

    @Inject
    AuditLog audit;

    /** A new customer with a password, signed in at once; the email address still needs verifying. */
    @Transactional
    public SignedIn signUp(String email, String fullName, String password, String replacedSessionHash) {
        if (customers.findByEmail(email).isPresent()) {
            throw Refusal.conflict("An account with this email exists already. If it is yours, use \"Forgot password\""
                    + " to set a password and claim it");
        }
        Customer customer = customers.add(email, fullName, null, null);
        customer.changePasswordHash(passwords.hash(password));
        verification.send(customer);
        audit.appendByCustomer(customer.id(), "customer.sign_up", "customer", customer.id(), "signed up in the store");
        return new SignedIn(customer, sessions.start(customer.id(), replacedSessionHash));
    }

    /**
     * Checks the throttle first (a right password is refused too while it holds), then the
     * password; a failure counts towards the throttle, a success clears this email's count.
     */
    public SignedIn signIn(String email, String password, String clientAddress, String replacedSessionHash) {
        throttle.check(email, clientAddress);
        Optional<Customer> customer = customers.findByEmail(email);
        String hash = customer.map(Customer::passwordHash).orElse(null);
        if (!passwords.matches(password, hash)) {
            throttle.failed(email, clientAddress);
            throw new Refusal(ErrorCode.SIGN_IN_FAILED, WRONG_CREDENTIALS);
        }
        throttle.succeeded(email);
        return new SignedIn(customer.get(), sessions.start(customer.get().id(), replacedSessionHash));
    }
}
