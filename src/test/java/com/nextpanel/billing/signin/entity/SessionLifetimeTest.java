package com.nextpanel.billing.signin.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionLifetimeTest {

    private static final SessionLifetime TWO_DAYS_IDLE_30_AT_MOST = new SessionLifetime(Duration.ofDays(2), Duration.ofDays(30));
    private static final Instant SIGNED_IN = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aSessionInUseEndsTwoDaysAfterItsLastRequest() {
        Instant lastSeen = SIGNED_IN.plus(Duration.ofDays(5));
        assertThat(TWO_DAYS_IDLE_30_AT_MOST.expiry(SIGNED_IN, lastSeen)).isEqualTo(lastSeen.plus(Duration.ofDays(2)));
    }

    @Test
    void aSessionEndsThirtyDaysAfterSignInHoweverBusy() {
        Instant lastSeen = SIGNED_IN.plus(Duration.ofDays(29));
        assertThat(TWO_DAYS_IDLE_30_AT_MOST.expiry(SIGNED_IN, lastSeen)).isEqualTo(SIGNED_IN.plus(Duration.ofDays(30)));
    }

    @Test
    void aRequestWithinFiveMinutesOfTheLastWriteWritesNothing() {
        CustomerSession session = new CustomerSession("h", 1, "csrf", SIGNED_IN, TWO_DAYS_IDLE_30_AT_MOST);
        assertThat(session.seen(SIGNED_IN.plus(Duration.ofMinutes(4)), TWO_DAYS_IDLE_30_AT_MOST)).isFalse();
        assertThat(session.expiresAt()).isEqualTo(SIGNED_IN.plus(Duration.ofDays(2)));
        Instant later = SIGNED_IN.plus(Duration.ofMinutes(5));
        assertThat(session.seen(later, TWO_DAYS_IDLE_30_AT_MOST)).isTrue();
        assertThat(session.expiresAt()).isEqualTo(later.plus(Duration.ofDays(2)));
        assertThat(session.isActiveAt(later.plus(Duration.ofDays(2)))).isFalse();
    }
}
