package com.nextpanel.billing.automation.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nextpanel.billing.automation.entity.Job;
import com.nextpanel.billing.platform.NodeName;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How an attempt's outcome is recorded on its job (Jobs.record), without the database around it. */
class JobsTest {

    private static final Instant START = Instant.parse("2026-12-07T10:00:00Z");

    private final Jobs jobs = new Jobs();
    private final AtomicInteger localChanges = new AtomicInteger();

    JobsTest() {
        AutomationConfig config = new AutomationConfig();
        config.maxAttempts = 8;
        config.backoffBaseMs = 5_000;
        config.backoffMaxMs = 600_000;
        config.leaseSeconds = 30;
        jobs.config = config;
        at(START);
    }

    @Test
    void aRetryWaitsTheBackoffOfItsAttempt() {
        Job job = claimedHere(8);

        jobs.record(job, JobOutcome.retry("connection refused", null));

        assertThat(job.status()).isEqualTo(Job.Status.PENDING);
        assertThat(job.nextAttemptAt()).isEqualTo(START.plusSeconds(5));
        assertThat(job.lastError()).isEqualTo("connection refused");
    }

    @Test
    void aRetryWaitsForThePanelsRetryAfterWhenItIsLaterThanTheBackoff() {
        Job job = claimedHere(8);

        jobs.record(job, JobOutcome.retry("429", START.plusSeconds(90)));

        assertThat(job.nextAttemptAt()).isEqualTo(START.plusSeconds(90));
    }

    @Test
    void aRetryAfterSoonerThanTheBackoffWaitsTheBackoff() {
        Job job = claimedHere(8);

        jobs.record(job, JobOutcome.retry("429", START.plusSeconds(1)));

        assertThat(job.nextAttemptAt()).isEqualTo(START.plusSeconds(5));
    }

    @Test
    void eachRetryWaitsTwiceAsLongUntilTheJobGivesUpIntoNeedsAttention() {
        Job job = claimedHere(4);
        Instant now = START;
        for (long wait : new long[] {5, 10, 20}) {
            jobs.record(job, JobOutcome.retry("timeout", null));
            assertThat(job.status()).isEqualTo(Job.Status.PENDING);
            assertThat(job.nextAttemptAt()).isEqualTo(now.plusSeconds(wait));
            now = job.nextAttemptAt();
            at(now);
            claimAsTheWorkerDoes(job, now);
        }
        assertThat(job.attempts()).isEqualTo(4);

        jobs.record(job, JobOutcome.retry("timeout", null));

        assertThat(job.status()).isEqualTo(Job.Status.NEEDS_ATTENTION);
        assertThat(job.lastError()).isEqualTo("Gave up after 4 attempts: timeout");
        assertThat(job.finishedAt()).isEqualTo(now);
    }

    @Test
    void doneRunsTheLocalChangeAndEndsTheJob() {
        Job job = claimedHere(8);

        jobs.record(job, JobOutcome.done("created", localChanges::incrementAndGet));

        assertThat(localChanges).hasValue(1);
        assertThat(job.status()).isEqualTo(Job.Status.DONE);
        assertThat(job.finishedAt()).isEqualTo(START);
    }

    @Test
    void aRefusalForGoodRunsTheLocalChangeAndFailsTheJob() {
        Job job = claimedHere(8);

        jobs.record(job, JobOutcome.failed("username exists", localChanges::incrementAndGet)
                .then(localChanges::incrementAndGet));

        assertThat(localChanges).hasValue(2);
        assertThat(job.status()).isEqualTo(Job.Status.FAILED);
        assertThat(job.lastError()).isEqualTo("username exists");
    }

    @Test
    void needsAttentionIsRecordedAsTheHandlerSaid() {
        Job job = claimedHere(8);

        jobs.record(job, JobOutcome.needsAttention("outcome unknown"));

        assertThat(job.status()).isEqualTo(Job.Status.NEEDS_ATTENTION);
        assertThat(job.lastError()).isEqualTo("outcome unknown");
    }

    @Test
    void nothingOfAnAttemptWhoseClaimWasLostIsRecorded() {
        Job job = new Job(Job.Kind.SUSPEND, 33, "overdue", 8, "billing", START);
        job.claimAtCreation("another-node", START.plusSeconds(30));

        assertThatThrownBy(() -> jobs.record(job, JobOutcome.done("suspended", localChanges::incrementAndGet)))
                .isInstanceOf(Job.ClaimLost.class);

        assertThat(localChanges).hasValue(0);
        assertThat(job.status()).isEqualTo(Job.Status.IN_PROGRESS);
        assertThat(job.claimedBy()).isEqualTo("another-node");
    }

    private void at(Instant now) {
        jobs.clock = Clock.fixed(now, ZoneOffset.UTC);
    }

    private static Job claimedHere(int maxAttempts) {
        Job job = new Job(Job.Kind.PROVISION, 33, "order 9", maxAttempts, "store", START);
        job.carryPassword("sealed");
        job.claimAtCreation(NodeName.ID, START.plusSeconds(30));
        return job;
    }

    /** What the worker's claim (SQL in Jobs.claim) does to a due job: in progress, one more attempt, ours. */
    private static void claimAsTheWorkerDoes(Job job, Instant now) {
        assertThat(job.nextAttemptAt()).isBeforeOrEqualTo(now);
        set(job, "status", Job.Status.IN_PROGRESS);
        set(job, "attempts", job.attempts() + 1);
        set(job, "claimedBy", NodeName.ID);
        set(job, "claimedUntil", now.plus(Duration.ofSeconds(30)));
    }

    private static void set(Job job, String field, Object value) {
        try {
            var f = Job.class.getDeclaredField(field);
            f.setAccessible(true);
            f.set(job, value);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
