package com.nextpanel.billing.automation.control;

import com.nextpanel.billing.automation.entity.Job;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AutomationConfigTest {

    private final AutomationConfig config = new AutomationConfig();

    @Test
    void backoffDoublesUpToItsCap() {
        config.backoffBaseMs = 5_000;
        config.backoffMaxMs = 600_000;

        assertThat(config.backoffAfter(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.backoffAfter(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.backoffAfter(3)).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.backoffAfter(7)).isEqualTo(Duration.ofSeconds(320));
        assertThat(config.backoffAfter(8)).isEqualTo(Duration.ofMinutes(10)); // 640 s, capped
        assertThat(config.backoffAfter(50)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void backoffBeforeAnyAttemptIsTheBase() {
        config.backoffBaseMs = 5_000;
        config.backoffMaxMs = 600_000;

        assertThat(config.backoffAfter(0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.backoffAfter(-3)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void backoffStopsDoublingBeforeItCouldOverflow() {
        config.backoffBaseMs = 5_000;
        config.backoffMaxMs = Long.MAX_VALUE;

        assertThat(config.backoffAfter(1_000)).isEqualTo(Duration.ofMillis(5_000L << 20)).isPositive();
    }

    @Test
    void aJobHasAtLeastOneAttempt() {
        config.maxAttempts = 0;

        assertThat(config.maxAttempts()).isEqualTo(1);
    }

    @Test
    void aLeaseOutlastsTwoRenewals() {
        config.leaseSeconds = 1;
        assertThat(config.lease()).isEqualTo(Duration.ofSeconds(2L * ClaimRenewal.PERIOD_SECONDS));

        config.leaseSeconds = 90;
        assertThat(config.lease()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void eachLaneHasOnePlaceAtLeastAndNoMoreThanItsCap() {
        config.batchSize = 0;
        config.mailConnections = 0;
        assertThat(config.places(Job.Lane.PANEL)).isEqualTo(1);
        assertThat(config.places(Job.Lane.EMAIL)).isEqualTo(1);

        config.batchSize = 10_000;
        config.mailConnections = 10_000;
        assertThat(config.places(Job.Lane.PANEL)).isEqualTo(AutomationConfig.MOST_IN_FLIGHT);
        assertThat(config.places(Job.Lane.EMAIL)).isEqualTo(AutomationConfig.MOST_EMAILS_IN_FLIGHT);

        config.batchSize = 96;
        config.mailConnections = 4;
        assertThat(config.places(Job.Lane.PANEL)).isEqualTo(96);
        assertThat(config.places(Job.Lane.EMAIL)).isEqualTo(4);
    }
}
