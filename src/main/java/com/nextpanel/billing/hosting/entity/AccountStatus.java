package com.nextpanel.billing.hosting.entity;

import java.util.Locale;

/** Where a hosting account stands; mirrors the panel once the account exists there. */
public enum AccountStatus {
    PENDING, ACTIVE, SUSPENDED, TERMINATED, FAILED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
