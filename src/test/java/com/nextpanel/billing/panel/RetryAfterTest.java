package com.nextpanel.billing.panel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    @Test
    void delaySecondsAreTakenAsTheyAre() {
        assertThat(RetryAfter.of("120", NOW)).isEqualTo(Duration.ofSeconds(120));
        assertThat(RetryAfter.of(" 7 ", NOW)).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void aPanelAskingForAYearIsHeldToAnHour() {
        assertThat(RetryAfter.of("31536000", NOW)).isEqualTo(Duration.ofHours(1));
        assertThat(RetryAfter.of("99999999999999999999999", NOW)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void anHttpDateIsReadAsTheWaitUntilThen() {
        assertThat(RetryAfter.of("Tue, 10 Mar 2026 12:05:00 GMT", NOW)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void anHttpDateNextYearIsHeldToAnHourAndOneInThePastWaitsASecond() {
        assertThat(RetryAfter.of("Wed, 10 Mar 2027 12:00:00 GMT", NOW)).isEqualTo(Duration.ofHours(1));
        assertThat(RetryAfter.of("Mon, 09 Mar 2026 12:00:00 GMT", NOW)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void noOrAnUnreadableHeaderWaitsAMinute() {
        assertThat(RetryAfter.of(null, NOW)).isEqualTo(Duration.ofSeconds(60));
        assertThat(RetryAfter.of("soon", NOW)).isEqualTo(Duration.ofSeconds(60));
        assertThat(RetryAfter.of("0", NOW)).isEqualTo(Duration.ofSeconds(1));
    }
}
