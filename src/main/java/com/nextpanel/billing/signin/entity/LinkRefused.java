package com.nextpanel.billing.signin.entity;

/** A one-time link that does not work (unknown, used, expired); the message says which, for the customer. */
public class LinkRefused extends RuntimeException {

    public LinkRefused(String message) {
        super(message);
    }
}
