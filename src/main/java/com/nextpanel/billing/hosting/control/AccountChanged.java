package com.nextpanel.billing.hosting.control;

/**
 * Fired, inside the transaction that records it, when an account changed on its panel: billing
 * follows its services and queues the customer's emails in the same transaction.
 * {@code sealedPassword} is set on ACTIVATED only (for the welcome email), sealed as stored.
 */
public record AccountChanged(long accountId, Change change, String reason, String sealedPassword) {

    /** What happened to the account. */
    public enum Change { ACTIVATED, FAILED, SUSPENDED, UNSUSPENDED, TERMINATED }

    @Override
    public String toString() {
        return "AccountChanged[" + accountId + ", " + change + "]";
    }
}
