package com.nextpanel.billing.automation.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JobTest {

    private static final Instant CREATED = Instant.parse("2026-12-07T10:00:00Z");
    private static final Instant LEASE_END = CREATED.plusSeconds(30);
    private static final Instant LATER = CREATED.plusSeconds(5);
    private static final String NODE = "node-a";

    @Test
    void aNewJobIsPendingAndDueAtOnce() {
        Job job = newJob(8);

        assertThat(job.status()).isEqualTo(Job.Status.PENDING);
        assertThat(job.status().isOpen()).isTrue();
        assertThat(job.attempts()).isZero();
        assertThat(job.maxAttempts()).isEqualTo(8);
        assertThat(job.nextAttemptAt()).isEqualTo(CREATED);
        assertThat(job.claimedBy()).isNull();
        assertThat(job.outcomeUnknown()).isFalse();
        assertThat(job.secretSealed()).isEqualTo("sealed-password");
    }

    @Test
    void anEmailsJobNamesItsEmailAndNoAccount() {
        Job job = Job.sendEmail(12, 6, CREATED);

        assertThat(job.kind()).isEqualTo(Job.Kind.SEND_EMAIL);
        assertThat(job.kind().onPanel()).isFalse();
        assertThat(job.emailId()).isEqualTo(12);
        assertThat(job.accountId()).isNull();
        assertThat(job.status()).isEqualTo(Job.Status.PENDING);
        assertThat(job.maxAttempts()).isEqualTo(6);
        assertThat(job.describe()).isEqualTo("send_email of email 12");
        assertThat(newJob(8).describe()).isEqualTo("provision of account 33");
    }

    @Test
    void aPanelActionCannotBeAnEmailsJob() {
        assertThatThrownBy(() -> new Job(Job.Kind.SEND_EMAIL, 33, "no", 8, "test", CREATED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLastAttemptIsTheOneThatSpendsTheBudget() {
        Job job = Job.sendEmail(12, 2, CREATED);
        job.claimAtCreation(NODE, LEASE_END);
        assertThat(job.lastAttempt()).isFalse();

        job.retryLater("refused", LATER, LATER);
        stored(job, Job.Status.IN_PROGRESS);
        setAttempts(job, 2);

        assertThat(job.lastAttempt()).isTrue();
        job.retryLater("refused again", LATER, LATER);
        assertThat(job.status()).isEqualTo(Job.Status.NEEDS_ATTENTION);
    }

    @Test
    void claimAtCreationTakesTheFirstAttemptForTheNode() {
        Job job = newJob(8);

        job.claimAtCreation(NODE, LEASE_END);

        assertThat(job.status()).isEqualTo(Job.Status.IN_PROGRESS);
        assertThat(job.attempts()).isEqualTo(1);
        assertThat(job.claimedBy()).isEqualTo(NODE);
        assertThat(job.claimedUntil()).isEqualTo(LEASE_END);
        job.requireClaimedBy(NODE);
    }

    @Test
    void claimAtCreationRefusesAJobThatIsNotNew() {
        Job claimed = claimed(8);
        assertThatThrownBy(() -> claimed.claimAtCreation("node-b", LEASE_END)).isInstanceOf(IllegalStateException.class);
        assertThat(claimed.claimedBy()).isEqualTo(NODE);
        assertThat(claimed.attempts()).isEqualTo(1);
    }

    @Test
    void successEndsItDoneAndForgetsTheSecret() {
        Job job = claimed(8);

        job.succeed(LATER);

        assertThat(job.status()).isEqualTo(Job.Status.DONE);
        assertThat(job.status().isOpen()).isFalse();
        assertThat(job.finishedAt()).isEqualTo(LATER);
        assertThat(job.secretSealed()).isNull();
        assertThat(job.lastError()).isNull();
        assertThat(job.claimedBy()).isNull();
        assertThat(job.claimedUntil()).isNull();
        assertThat(job.updatedAt()).isEqualTo(LATER);
    }

    @Test
    void aRefusalForGoodEndsItFailedWithTheErrorAndForgetsTheSecret() {
        Job job = claimed(8);

        job.fail("username exists", LATER);

        assertThat(job.status()).isEqualTo(Job.Status.FAILED);
        assertThat(job.lastError()).isEqualTo("username exists");
        assertThat(job.finishedAt()).isEqualTo(LATER);
        assertThat(job.secretSealed()).isNull();
        assertThat(job.claimedBy()).isNull();
    }

    @Test
    void aPassingFailureIsTriedAgainAtTheGivenTime() {
        Job job = claimed(8);
        Instant next = LATER.plusSeconds(5);

        job.retryLater("connection refused", next, LATER);

        assertThat(job.status()).isEqualTo(Job.Status.PENDING);
        assertThat(job.nextAttemptAt()).isEqualTo(next);
        assertThat(job.attempts()).isEqualTo(1); // the next claim counts the next attempt
        assertThat(job.lastError()).isEqualTo("connection refused");
        assertThat(job.claimedBy()).isNull();
        assertThat(job.claimedUntil()).isNull();
        assertThat(job.finishedAt()).isNull();
        assertThat(job.secretSealed()).isEqualTo("sealed-password"); // the next attempt needs it
    }

    @Test
    void aPassingFailureGivesUpIntoNeedsAttentionOnceTheAttemptsAreSpent() {
        Job job = claimed(1);

        job.retryLater("connection refused", LATER.plusSeconds(5), LATER);

        assertThat(job.status()).isEqualTo(Job.Status.NEEDS_ATTENTION);
        assertThat(job.lastError()).isEqualTo("Gave up after 1 attempts: connection refused");
        assertThat(job.finishedAt()).isEqualTo(LATER);
        assertThat(job.claimedBy()).isNull();
        assertThat(job.secretSealed()).isEqualTo("sealed-password"); // kept for an operator's retry
    }

    @Test
    void needsAttentionKeepsTheSecretForAnOperatorsRetry() {
        Job job = claimed(8);

        job.needsAttention("outcome unknown", LATER);

        assertThat(job.status()).isEqualTo(Job.Status.NEEDS_ATTENTION);
        assertThat(job.status().isOpen()).isFalse();
        assertThat(job.lastError()).isEqualTo("outcome unknown");
        assertThat(job.secretSealed()).isEqualTo("sealed-password");
        assertThat(job.claimedBy()).isNull();
    }

    @Test
    void anOperatorsRetryGivesAFreshBudgetWhoseFirstAttemptIsClaimedAtOnce() {
        Job job = claimed(1);
        job.retryLater("connection refused", LATER, LATER);
        Instant retried = LATER.plusSeconds(600);

        job.retryByOperator(retried, "node-b", retried.plusSeconds(30));

        assertThat(job.status()).isEqualTo(Job.Status.IN_PROGRESS);
        assertThat(job.attempts()).isEqualTo(1);
        assertThat(job.claimedBy()).isEqualTo("node-b");
        assertThat(job.claimedUntil()).isEqualTo(retried.plusSeconds(30));
        assertThat(job.nextAttemptAt()).isEqualTo(retried);
        assertThat(job.finishedAt()).isNull();
        assertThat(job.updatedAt()).isEqualTo(retried);
        assertThat(job.lastError()).isEqualTo("Gave up after 1 attempts: connection refused");
    }

    @Test
    void anOperatorsRetryRefusesAJobThatDoesNotNeedAttention() {
        Job job = claimed(8);
        job.succeed(LATER);

        assertThatThrownBy(() -> job.retryByOperator(LATER, NODE, LEASE_END))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is done");
        assertThat(job.status()).isEqualTo(Job.Status.DONE);
    }

    @ParameterizedTest
    @EnumSource(value = Job.Status.class, names = "IN_PROGRESS", mode = EnumSource.Mode.EXCLUDE)
    void onlyAJobInProgressTakesAnAttemptsResult(Job.Status status) {
        Job job = in(status);

        assertThatThrownBy(() -> job.succeed(LATER)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not in progress");
        assertThatThrownBy(() -> job.fail("refused", LATER)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> job.retryLater("refused", LATER, LATER)).isInstanceOf(IllegalStateException.class);
        assertThat(job.status()).isEqualTo(status);
    }

    @Test
    void anAttemptsResultBelongsToTheNodeHoldingTheClaim() {
        Job job = claimed(8);

        assertThatThrownBy(() -> job.requireClaimedBy("node-b")).isInstanceOf(Job.ClaimLost.class)
                .hasMessageContaining("claimed by node-a, no longer by node-b");

        job.retryLater("timeout", LATER, LATER);
        assertThatThrownBy(() -> job.requireClaimedBy(NODE)).isInstanceOf(Job.ClaimLost.class);
    }

    @Test
    void anUnknownOutcomeStaysMarkedWhateverFollows() {
        Job job = claimed(8);

        job.markOutcomeUnknown();
        job.retryLater("timeout", LATER, LATER);

        assertThat(job.outcomeUnknown()).isTrue();
        assertThat(job.status()).isEqualTo(Job.Status.PENDING);
    }

    @Test
    void errorsAreCutToAThousandCharacters() {
        Job job = claimed(8);

        job.fail("e".repeat(4000), LATER);

        assertThat(job.lastError()).hasSize(1000).endsWith("e…");
    }

    private static Job newJob(int maxAttempts) {
        Job job = new Job(Job.Kind.PROVISION, 33, "order 9", maxAttempts, "store", CREATED);
        job.carryPassword("sealed-password");
        return job;
    }

    private static Job claimed(int maxAttempts) {
        Job job = newJob(maxAttempts);
        job.claimAtCreation(NODE, LEASE_END);
        return job;
    }

    private static Job in(Job.Status status) {
        Job job = switch (status) {
            case PENDING, IN_PROGRESS -> newJob(8);
            default -> claimed(8);
        };
        switch (status) {
            case PENDING -> { }
            case IN_PROGRESS -> job.claimAtCreation(NODE, LEASE_END);
            case DONE -> job.succeed(LATER);
            case FAILED -> job.fail("refused", LATER);
            case NEEDS_ATTENTION -> job.needsAttention("unknown", LATER);
            case CANCELLED -> stored(job, Job.Status.CANCELLED);
        }
        return job;
    }

    /** The job as a row in a status the entity never sets (cancelled: the column allows it, no code writes it). */
    private static void stored(Job job, Job.Status status) {
        setField(job, "status", status);
    }

    /** The attempts a claim (an SQL statement) would have counted. */
    private static void setAttempts(Job job, int attempts) {
        setField(job, "attempts", attempts);
    }

    private static void setField(Job job, String name, Object value) {
        try {
            var field = Job.class.getDeclaredField(name);
            field.setAccessible(true);
            field.set(job, value);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
