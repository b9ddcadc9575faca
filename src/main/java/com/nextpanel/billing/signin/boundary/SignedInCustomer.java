package com.nextpanel.billing.signin.boundary;

import jakarta.enterprise.context.RequestScoped;

/** The customer whose session cookie came with this request; set by the session filter on {@link CustomerOnly} calls. */
@RequestScoped
public class SignedInCustomer {

    private Long customerId;
    private String sessionHash;

    void signedIn(long customerId, String sessionHash) {
        this.customerId = customerId;
        this.sessionHash = sessionHash;
    }

    public long id() {
        if (customerId == null) {
            throw new IllegalStateException("Not a @CustomerOnly call: no customer is signed in");
        }
        return customerId;
    }

    /** The SHA-256 of the session id the request came with, to end that session at sign-out. */
    public String sessionHash() {
        return sessionHash;
    }
}
