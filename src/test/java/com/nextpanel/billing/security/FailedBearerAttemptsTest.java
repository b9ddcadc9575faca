package com.nextpanel.billing.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FailedBearerAttemptsTest {

    private static final Instant START = Instant.parse("2026-12-07T10:00:00Z");

    private final FailedBearerAttempts attempts = new FailedBearerAttempts();

    private void at(Instant now) {
        attempts.clock = Clock.fixed(now, ZoneOffset.UTC);
    }

    @Test
    void anAddressIsThrottledFromTheLimitUntilItsWindowEnds() {
        attempts.maxFailures = 3;
        at(START);
        attempts.failed("10.0.0.1");
        attempts.failed("10.0.0.1");
        assertThat(attempts.throttled("10.0.0.1")).isEmpty();
        attempts.failed("10.0.0.1");

        at(START.plusSeconds(20));
        assertThat(attempts.throttled("10.0.0.1")).contains(Duration.ofSeconds(40));
        assertThat(attempts.throttled("10.0.0.2")).isEmpty();

        at(START.plus(FailedBearerAttempts.WINDOW));
        assertThat(attempts.throttled("10.0.0.1")).isEmpty();
        attempts.failed("10.0.0.1"); // a new window starts with one failure
        assertThat(attempts.throttled("10.0.0.1")).isEmpty();
    }
}
