package com.nextpanel.billing.signin.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignInLimitTest {

    private static final SignInLimit FIVE_IN_15_MINUTES = new SignInLimit(5, Duration.ofMinutes(15));
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void fewerFailuresThanTheLimitLetTheAttemptGoAhead() {
        assertThat(FIVE_IN_15_MINUTES.waitGiven(List.of(), NOW)).isEmpty();
        assertThat(FIVE_IN_15_MINUTES.waitGiven(minutesAgo(1, 2, 3, 4), NOW)).isEmpty();
    }

    @Test
    void atTheLimitTheAttemptWaitsUntilTheOldestCountedFailureLeavesTheWindow() {
        // newest first; the fifth, 10 minutes ago, leaves the window in 5 minutes
        assertThat(FIVE_IN_15_MINUTES.waitGiven(minutesAgo(1, 2, 3, 4, 10), NOW)).contains(Duration.ofMinutes(5));
    }

    @Test
    void theWaitIsInWholeSecondsRoundedUpAndNeverZero() {
        List<Instant> failures = List.of(NOW, NOW, NOW, NOW, NOW.minus(Duration.ofMinutes(15)).plusMillis(1));
        assertThat(FIVE_IN_15_MINUTES.waitGiven(failures, NOW)).contains(Duration.ofSeconds(1));
        List<Instant> justInside = List.of(NOW, NOW, NOW, NOW, NOW.minusMillis(1500));
        assertThat(FIVE_IN_15_MINUTES.waitGiven(justInside, NOW)).contains(Duration.ofSeconds(899));
    }

    @Test
    void theWindowStartsOneWindowAgo() {
        assertThat(FIVE_IN_15_MINUTES.windowStart(NOW)).isEqualTo(Instant.parse("2026-12-07T09:45:00Z"));
    }

    @Test
    void aLimitNeedsAFailureAndAWindow() {
        assertThatThrownBy(() -> new SignInLimit(0, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SignInLimit(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Instant> minutesAgo(long... minutes) {
        return java.util.Arrays.stream(minutes).mapToObj(m -> NOW.minus(Duration.ofMinutes(m))).toList();
    }
}
