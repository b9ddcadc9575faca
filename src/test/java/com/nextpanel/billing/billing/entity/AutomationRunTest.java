package com.nextpanel.billing.billing.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class AutomationRunTest {

    private static final Instant STARTED = Instant.parse("2030-03-01T00:05:00Z");

    @Test
    void aRunLeftByADeadNodeIsClosedAsTakenOver() {
        AutomationRun left = new AutomationRun("schedule", "dead-node", LocalDate.of(2030, 3, 1), STARTED);

        left.abandoned(42, STARTED.plusSeconds(1000));

        assertThat(left.finishedAt()).isEqualTo(STARTED.plusSeconds(1000));
        assertThat(left.failures()).isEqualTo(1);
        assertThat(left.detail()).contains("Did not finish").contains("run 42");
    }

    @Test
    void aRunStillGoingOverwritesTheClosingWithItsOwnTally() {
        AutomationRun slow = new AutomationRun("schedule", "slow-node", LocalDate.of(2030, 3, 1), STARTED);
        slow.abandoned(42, STARTED.plusSeconds(1000));

        slow.finish(new AutomationRun.Tally(1, 2, 0, 0, 3, 0, null), STARTED.plusSeconds(1200));

        assertThat(slow.finishedAt()).isEqualTo(STARTED.plusSeconds(1200));
        assertThat(slow.failures()).isZero();
        assertThat(slow.detail()).isNull();
        assertThat(slow.suspended()).isEqualTo(2);
    }

    @Test
    void aFinishedRunIsNotAbandoned() {
        AutomationRun done = new AutomationRun("manual", "node", LocalDate.of(2030, 3, 1), STARTED);
        done.finish(new AutomationRun.Tally(0, 0, 0, 0, 0, 0, null), STARTED.plusSeconds(5));

        assertThatThrownBy(() -> done.abandoned(42, STARTED.plusSeconds(10))).isInstanceOf(IllegalStateException.class);
        assertThat(done.failures()).isZero();
    }
}
