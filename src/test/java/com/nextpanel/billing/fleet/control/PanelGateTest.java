package com.nextpanel.billing.fleet.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nextpanel.billing.panel.PanelException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The gate's own rules: budget blocks, the hour's window, Retry-After, isolation and its single
 * trial call. The rows are {@link Rows}, one server's state in memory with the semantics of
 * PanelGateRecords' statements; the statements themselves run in BillingIT and ResilienceIT.
 */
class PanelGateTest {

    private static final long SERVER = 4;
    private static final Instant START = Instant.parse("2026-12-07T10:15:00Z");

    private final Rows rows = new Rows();
    private final PanelGate gate = new PanelGate();

    PanelGateTest() {
        FleetConfig config = new FleetConfig();
        config.isolateAfterFailures = 3;
        config.isolationSeconds = 30;
        config.gateRefreshMs = Duration.ofHours(1).toMillis(); // a clean view is trusted for the whole test
        gate.config = config;
        gate.records = rows;
        at(START);
    }

    @Test
    void callsSpendTheHoursBudgetInBlocksOfOnePercentOfTheLimit() {
        rows.ratePerHour = 1000;

        for (int i = 0; i < 11; i++) {
            gate.admit(SERVER);
        }

        assertThat(rows.blocksAsked).containsExactly(10, 10); // the eleventh call needed a second block
        assertThat(rows.used).isEqualTo(20);
    }

    @Test
    void aBlockIsAtMostFiftyCallsAndAtLeastOne() {
        rows.ratePerHour = 100_000;
        gate.admit(SERVER);
        assertThat(rows.blocksAsked).containsExactly(PanelGate.MAX_BLOCK);

        Rows small = new Rows();
        small.ratePerHour = 60;
        gate.records = small;
        gate.forget(SERVER);
        gate.admit(SERVER);
        assertThat(small.blocksAsked).containsExactly(1);
    }

    @Test
    void aSpentBudgetRefusesCallsUntilTheNextHour() {
        rows.ratePerHour = 3;
        for (int i = 0; i < 3; i++) {
            gate.admit(SERVER);
        }

        assertRefused(() -> gate.admit(SERVER), PanelException.Kind.RATE_LIMITED, Duration.ofMinutes(45))
                .hasMessageContaining("budget of 3 calls this hour is spent");

        at(Instant.parse("2026-12-07T11:00:00Z"));
        gate.admit(SERVER);
        assertThat(rows.windowStart).isEqualTo(Instant.parse("2026-12-07T11:00:00Z"));
        assertThat(rows.used).isEqualTo(1);
    }

    @Test
    void anUnspentBlockIsLeftBehindWhenTheHourTurns() {
        rows.ratePerHour = 1000;
        at(Instant.parse("2026-12-07T10:59:59Z"));
        gate.admit(SERVER);

        at(Instant.parse("2026-12-07T11:00:00Z"));
        gate.admit(SERVER);

        assertThat(rows.blocksAsked).containsExactly(10, 10);
        assertThat(rows.windowStart).isEqualTo(Instant.parse("2026-12-07T11:00:00Z"));
        assertThat(rows.used).isEqualTo(10);
    }

    @Test
    void aRateLimitedPanelIsLeftAloneUntilItsRetryAfter() {
        gate.admit(SERVER);

        gate.rateLimited(SERVER, Duration.ofSeconds(120));

        at(START.plusSeconds(20));
        assertRefused(() -> gate.admit(SERVER), PanelException.Kind.RATE_LIMITED, Duration.ofSeconds(100));
        at(START.plusSeconds(120));
        assertThat(gate.admit(SERVER).clean()).isTrue();
    }

    @Test
    void aShorterRetryAfterNeverShortensTheWait() {
        gate.rateLimited(SERVER, Duration.ofSeconds(120));
        gate.rateLimited(SERVER, Duration.ofSeconds(10));

        assertRefused(() -> gate.admit(SERVER), PanelException.Kind.RATE_LIMITED, Duration.ofSeconds(120));
    }

    @Test
    void failuresBelowTheThresholdLetCallsThroughButAreNotClean() {
        assertThat(gate.admit(SERVER).clean()).isTrue();

        gate.failed(SERVER, "connection refused");
        gate.failed(SERVER, "connection refused");

        assertThat(gate.admit(SERVER).clean()).isFalse();
        gate.succeeded(SERVER);
        assertThat(gate.admit(SERVER).clean()).isTrue();
    }

    @Test
    void theThresholdIsolatesThePanelUntilItsTrialCall() {
        isolate();

        assertRefused(() -> gate.admit(SERVER), PanelException.Kind.ISOLATED, Duration.ofSeconds(30));
        at(START.plusSeconds(29));
        assertRefused(() -> gate.admit(SERVER), PanelException.Kind.ISOLATED, Duration.ofSeconds(1));
        assertThat(rows.blocksAsked).isEmpty();
    }

    @Test
    void onlyOneCallerMakesTheTrialCall() {
        isolate();
        at(START.plusSeconds(30));

        PanelGate.Admission trial = gate.admit(SERVER);

        assertThat(trial.clean()).isFalse();
        assertThat(rows.isolatedUntil).isEqualTo(START.plusSeconds(60));
        assertRefused(() -> gate.admit(SERVER), PanelException.Kind.ISOLATED, Duration.ofSeconds(30))
                .hasMessageContaining("next trial call at");
    }

    @Test
    void aTrialTakenByAnotherNodeIsRefusedHere() {
        isolate();
        at(START.plusSeconds(30));
        rows.anotherNodeTakesTheTrial = true;

        assertRefused(() -> gate.admit(SERVER), PanelException.Kind.ISOLATED, Duration.ofSeconds(30))
                .hasMessageContaining("another caller is making the trial call");
        assertThat(rows.blocksAsked).isEmpty();
    }

    @Test
    void aSuccessfulTrialEndsTheIsolation() {
        isolate();
        at(START.plusSeconds(30));
        gate.admit(SERVER);

        gate.succeeded(SERVER);

        assertThat(rows.failures).isZero();
        assertThat(rows.isolatedUntil).isNull();
        assertThat(gate.admit(SERVER).clean()).isTrue();
    }

    @Test
    void aFailedTrialIsolatesThePanelAgain() {
        isolate();
        at(START.plusSeconds(30));
        gate.admit(SERVER);

        gate.failed(SERVER, "still down");

        assertThat(rows.failures).isEqualTo(4);
        assertRefused(() -> gate.admit(SERVER), PanelException.Kind.ISOLATED, Duration.ofSeconds(30));
    }

    @Test
    void aCleanPanelIsReadOncePerRefreshAndATroubledOneBeforeEveryCall() {
        for (int i = 0; i < 5; i++) {
            gate.admit(SERVER);
        }
        assertThat(rows.reads).isEqualTo(1);

        gate.failed(SERVER, "timeout");
        int before = rows.reads;
        for (int i = 0; i < 5; i++) {
            gate.admit(SERVER);
        }
        assertThat(rows.reads - before).isEqualTo(5);
    }

    @Test
    void aForgottenViewIsReadAgainWithItsNewLimitAndCredentials() {
        rows.ratePerHour = 1000;
        assertThat(gate.admit(SERVER).credentialsVersion()).isEqualTo(1);

        rows.ratePerHour = 5000;
        rows.credentialsVersion = 2;
        gate.forget(SERVER);

        assertThat(gate.admit(SERVER).credentialsVersion()).isEqualTo(2);
        assertThat(rows.blocksAsked).containsExactly(10, 50);
    }

    private void isolate() {
        for (int i = 0; i < 3; i++) {
            gate.failed(SERVER, "connection refused");
        }
        assertThat(rows.isolatedUntil).isEqualTo(START.plusSeconds(30));
    }

    private void at(Instant now) {
        gate.clock = Clock.fixed(now, ZoneOffset.UTC);
    }

    private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
            ThrowingCallable call, PanelException.Kind kind, Duration wait) {
        return assertThatThrownBy(call).isInstanceOfSatisfying(PanelException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.retryAfter()).contains(wait);
            assertThat(e.isTransient()).isTrue();
        });
    }

    /** One server's gate rows in memory, answering as PanelGateRecords' statements do. */
    private static final class Rows extends PanelGateRecords {
        Instant rateLimitedUntil;
        Instant isolatedUntil;
        int failures;
        int ratePerHour = 1000;
        long credentialsVersion = 1;
        Instant windowStart;
        int used;
        boolean anotherNodeTakesTheTrial;
        int reads;
        final List<Integer> blocksAsked = new ArrayList<>();

        @Override
        public SharedState read(long serverId) {
            reads++;
            return state();
        }

        @Override
        public int spend(long serverId, Instant window, int calls) {
            blocksAsked.add(calls);
            if (!window.equals(windowStart)) { // past hours are dropped
                windowStart = window;
                used = 0;
            }
            for (int take : calls > 1 ? new int[] {calls, 1} : new int[] {1}) {
                if (used + take <= ratePerHour) {
                    used += take;
                    return take;
                }
            }
            return 0;
        }

        @Override
        public boolean takeTrial(long serverId, Instant now, Instant nextTrial) {
            if (anotherNodeTakesTheTrial) {
                isolatedUntil = nextTrial;
                return false;
            }
            if (isolatedUntil == null || !isolatedUntil.isAfter(now)) {
                isolatedUntil = nextTrial;
                return true;
            }
            return false;
        }

        @Override
        public void succeeded(long serverId) {
            failures = 0;
            isolatedUntil = null;
        }

        @Override
        public SharedState failed(long serverId, int isolateAfter, Instant isolateUntil) {
            failures++;
            if (failures >= isolateAfter) {
                isolatedUntil = isolateUntil;
            }
            return state();
        }

        @Override
        public void rateLimited(long serverId, Instant until) {
            if (rateLimitedUntil == null || until.isAfter(rateLimitedUntil)) {
                rateLimitedUntil = until;
            }
        }

        private SharedState state() {
            return new SharedState(rateLimitedUntil, isolatedUntil, failures, ratePerHour, credentialsVersion);
        }
    }
}
