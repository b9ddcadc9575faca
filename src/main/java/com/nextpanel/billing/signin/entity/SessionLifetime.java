package com.nextpanel.billing.signin.entity;

import java.time.Duration;
import java.time.Instant;

/** How long a customer session lasts: {@code idle} without a request, {@code maximum} after sign-in at most. */
public record SessionLifetime(Duration idle, Duration maximum) {

    public SessionLifetime {
        if (idle.isNegative() || idle.isZero() || maximum.isNegative() || maximum.isZero()) {
            throw new IllegalArgumentException("Session lifetimes must be positive");
        }
    }

    /** When a session signed in at {@code signedInAt} and last seen at {@code lastSeenAt} ends. */
    public Instant expiry(Instant signedInAt, Instant lastSeenAt) {
        Instant idleEnd = lastSeenAt.plus(idle);
        Instant absoluteEnd = signedInAt.plus(maximum);
        return idleEnd.isBefore(absoluteEnd) ? idleEnd : absoluteEnd;
    }
}
