package com.nextpanel.billing.hosting.entity;

import java.util.Locale;

/**
 * Why an account is suspended, as a type: the reason text is only what the panel and the customer
 * read, so an operator's suspension worded like the overdue sweep's is still the operator's.
 */
public enum SuspensionCause {
    /** The overdue sweep: an invoice stayed overdue too long. A payment lifts it. */
    NON_PAYMENT,
    /** An operator through the API or the console. Only an operator lifts it. */
    OPERATOR;

    /** Whether a payment that leaves nothing overdue lifts a suspension of this cause. */
    public boolean liftedByPayment() {
        return this == NON_PAYMENT;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
