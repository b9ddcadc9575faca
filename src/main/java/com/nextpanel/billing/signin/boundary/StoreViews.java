package com.nextpanel.billing.signin.boundary;

import com.nextpanel.billing.billing.entity.Customer;

/** How the store shows a signed-in customer (values as stored: escaping is the page's job). */
public final class StoreViews {

    private StoreViews() {
    }

    public record StoreCustomerView(long id, String email, String fullName, String phone, String company,
            boolean emailVerified) {
        static StoreCustomerView of(Customer c) {
            return new StoreCustomerView(c.id(), c.email(), c.fullName(), c.phone(), c.company(), c.isEmailVerified());
        }
    }

    /** The session: who is signed in, and the token every change must carry as X-CSRF-Token. */
    public record SessionView(StoreCustomerView customer, String csrfToken) {
        static SessionView of(Customer c, String csrfToken) {
            return new SessionView(StoreCustomerView.of(c), csrfToken);
        }
    }

    /** The answer to a password-reset request: the same whether or not the email is a customer's. */
    public record Accepted(String message) {
    }
}
