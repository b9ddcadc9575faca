package com.nextpanel.billing.signin.control;

import com.nextpanel.billing.billing.entity.Customer;

/** A customer with a session just started: the boundary answers the customer and sets the cookie. */
public record SignedIn(Customer customer, CustomerSessions.Started session) {
}
