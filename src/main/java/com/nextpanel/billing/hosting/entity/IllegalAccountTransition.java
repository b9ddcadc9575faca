package com.nextpanel.billing.hosting.entity;

/** An account was asked to do what its state does not allow (suspend a terminated account …). */
public class IllegalAccountTransition extends RuntimeException {

    public IllegalAccountTransition(String message) {
        super(message);
    }
}
