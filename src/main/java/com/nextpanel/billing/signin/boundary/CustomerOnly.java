package com.nextpanel.billing.signin.boundary;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A store call that needs a signed-in customer: without a valid session cookie it answers 401;
 * a state-changing call also needs the session's CSRF token. {@link SignedInCustomer} then says who.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface CustomerOnly {
}
