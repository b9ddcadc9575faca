package com.nextpanel.billing.security;

/** The operator roles: ADMIN may do everything, VIEWER may only read. */
public final class Roles {
    public static final String ADMIN = "ADMIN";
    public static final String VIEWER = "VIEWER";

    private Roles() {
    }
}
