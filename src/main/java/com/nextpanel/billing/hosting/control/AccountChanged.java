package com.nextpanel.billing.hosting.control;

/**
 * Fired, inside the transaction that records it, when an account changed on its panel: billing
 * follows its services and queues the customer's emails in the same transaction.
 * {@code password} is set on ACTIVATED only, for the welcome email (which seals it to its own row);
 * it is never stored as it is, and {@link #toString()} leaves it out.
 */
public record AccountChanged(long accountId, Change change, String reason, String password) {

    /** What happened to the account. */
    public enum Change { ACTIVATED, FAILED, SUSPENDED, UNSUSPENDED, TERMINATED }

    @Override
    public String toString() {
        return "AccountChanged[" + accountId + ", " + change + "]";
    }
}
