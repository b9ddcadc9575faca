package com.nextpanel.billing.automation.control;

import java.time.Instant;

/**
 * What one attempt of a job came to, as its handler judged it. {@code localChange} runs in the
 * same transaction that records the outcome, so the account and its job never disagree.
 */
public record JobOutcome(Type type, String detail, Instant notBefore, Runnable localChange) {

    /** The four ways an attempt can end. */
    public enum Type { DONE, RETRY, FAILED, NEEDS_ATTENTION }

    public static JobOutcome done(String detail, Runnable localChange) {
        return new JobOutcome(Type.DONE, detail, null, localChange);
    }

    /** Try again later: at {@code notBefore} if the panel said when (Retry-After, isolation), else after a backoff. */
    public static JobOutcome retry(String error, Instant notBefore) {
        return new JobOutcome(Type.RETRY, error, notBefore, null);
    }

    public static JobOutcome failed(String error, Runnable localChange) {
        return new JobOutcome(Type.FAILED, error, null, localChange);
    }

    public static JobOutcome needsAttention(String error) {
        return new JobOutcome(Type.NEEDS_ATTENTION, error, null, null);
    }

    /** The same outcome, with {@code more} run after its own local change, in the same transaction. */
    public JobOutcome then(Runnable more) {
        Runnable first = localChange;
        return new JobOutcome(type, detail, notBefore, first == null ? more : () -> {
            first.run();
            more.run();
        });
    }
}
