package com.nextpanel.billing.signin.entity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * At most {@code failures} failed sign-ins within {@code window}; one more attempt waits until the
 * oldest of them leaves the window.
 */
public record SignInLimit(int failures, Duration window) {

    public SignInLimit {
        if (failures < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("A sign-in limit needs at least one failure and a positive window");
        }
    }

    /** Failures after this instant count. */
    public Instant windowStart(Instant now) {
        return now.minus(window);
    }

    /**
     * How long the next attempt must wait, given the latest failures (newest first, at most
     * {@link #failures()} of them, all after {@link #windowStart}); empty when it may go ahead.
     * Whole seconds, rounded up, as Retry-After says it.
     */
    public Optional<Duration> waitGiven(List<Instant> latestFailures, Instant now) {
        if (latestFailures.size() < failures) {
            return Optional.empty();
        }
        Instant oldestCounted = latestFailures.get(failures - 1);
        Duration left = Duration.between(now, oldestCounted.plus(window));
        long seconds = Math.max(1, (left.toMillis() + 999) / 1000);
        return Optional.of(Duration.ofSeconds(seconds));
    }
}
