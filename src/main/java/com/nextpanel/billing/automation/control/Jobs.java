package com.nextpanel.billing.automation.control;

import com.nextpanel.billing.automation.entity.Job;
import com.nextpanel.billing.hosting.entity.SuspensionCause;
import com.nextpanel.billing.platform.NodeName;
import com.nextpanel.billing.platform.OptionalFilters;
import com.nextpanel.billing.platform.Page;
import com.nextpanel.billing.platform.Refusal;
import com.nextpanel.billing.security.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The queue's table: jobs queued (in the caller's transaction), read, and settled once an attempt
 * ends. Who works on which job is {@link JobClaims}'s.
 */
@ApplicationScoped
@Transactional
public class Jobs {

    @PersistenceContext
    EntityManager em;

    @Inject
    AutomationConfig config;

    @Inject
    SecretCipher cipher;

    @Inject
    Clock clock;

    /** A job for the background worker; {@code password} (a create's, else null) is kept sealed to its row. */
    public Job enqueue(Job.Kind kind, long accountId, String reason, String password, String requestedBy) {
        Job job = new Job(kind, accountId, reason, config.maxAttempts(), requestedBy, clock.instant());
        persistCarrying(job, password);
        return job;
    }

    /** A job that sends this email of the outbox, within {@code maxAttempts} (the mail's own budget). */
    public Job enqueueEmail(long emailId, int maxAttempts) {
        Job job = Job.sendEmail(emailId, maxAttempts, clock.instant());
        em.persist(job);
        return job;
    }

    /**
     * Queues a job for each account {@code accountsDue} answers, in one statement (a sweep over
     * thousands must not cost a round trip each), but for accounts with an open job. It reads them
     * in this transaction and should lock them: a job settling on one meanwhile is waited for, so
     * an account it has just suspended is not queued again. Answers how many were queued.
     */
    public int enqueueEach(Job.Kind kind, String reason, SuspensionCause cause, String requestedBy,
            Supplier<List<Long>> accountsDue) {
        List<Long> accountIds = accountsDue.get();
        if (accountIds.isEmpty()) {
            return 0;
        }
        return em.createNativeQuery("INSERT INTO panel_job (kind, account_id, status, attempts, max_attempts,"
                        + " next_attempt_at, reason, requested_by, created_at, updated_at, suspension_cause)"
                        + " SELECT ?1, account_id, 'pending', 0, ?2, ?3, ?4, ?5, ?3, ?3, CAST(?6 AS varchar)"
                        + " FROM unnest(CAST(?7 AS bigint[])) AS account_id"
                        + " ON CONFLICT (account_id) WHERE status IN ('pending', 'in_progress') DO NOTHING")
                .setParameter(1, kind.name())
                .setParameter(2, config.maxAttempts())
                .setParameter(3, at(clock.instant()))
                .setParameter(4, reason)
                .setParameter(5, requestedBy)
                .setParameter(6, cause == null ? null : cause.label())
                .setParameter(7, accountIds.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")))
                .executeUpdate();
    }

    /** A job the caller runs at once ({@link JobRunner#run(Job)}); it is claimed in the same transaction. */
    public Job enqueueClaimed(Job.Kind kind, long accountId, String reason, String password, String requestedBy) {
        Instant now = clock.instant();
        Job job = new Job(kind, accountId, reason, config.maxAttempts(), requestedBy, now);
        job.claimAtCreation(NodeName.ID, now.plus(config.lease()));
        persistCarrying(job, password);
        return job;
    }

    /**
     * Persist gives the job its id at once (ids come in blocks); a create's password is then
     * sealed to that row. The row is written with the transaction's others.
     */
    private void persistCarrying(Job job, String password) {
        em.persist(job);
        if (password != null) {
            job.carryPassword(cipher.seal(password, JobSecrets.PASSWORDS.at(job.id())));
        }
    }

    /** The password a create job carries, opened for its one use: the panel call. */
    public String passwordOf(Job job) {
        return cipher.open(job.secretSealed(), JobSecrets.PASSWORDS.at(job.id()));
    }

    public Job get(long id) {
        return Optional.ofNullable(em.find(Job.class, id)).orElseThrow(() -> Refusal.notFound("Job", id));
    }

    public Optional<Job> openFor(long accountId) {
        return em.createQuery("SELECT j FROM Job j WHERE j.accountId = :account"
                        + " AND j.status IN :open", Job.class)
                .setParameter("account", accountId)
                .setParameter("open", List.of(Job.Status.PENDING, Job.Status.IN_PROGRESS))
                .getResultStream().findFirst();
    }

    /** The job that gave up on sending this email, if it did. */
    public Optional<Job> needingAttentionForEmail(long emailId) {
        return em.createQuery("SELECT j FROM Job j WHERE j.emailId = :email AND j.status = :status", Job.class)
                .setParameter("email", emailId)
                .setParameter("status", Job.Status.NEEDS_ATTENTION)
                .getResultStream().findFirst();
    }

    /**
     * Records an attempt's outcome, the account change that goes with it and, through
     * {@code andThen}, its audit line — in one transaction.
     */
    public Job settle(long jobId, JobOutcome outcome, Consumer<Job> andThen) {
        Job job = em.createNamedQuery("Job.lock", Job.class).setParameter("id", jobId).getSingleResult();
        record(job, outcome);
        em.flush();
        andThen.accept(job);
        return job;
    }

    // package-private: its unit test records outcomes without a database
    void record(Job job, JobOutcome outcome) {
        job.requireClaimedBy(NodeName.ID); // before the outcome's local change: nothing of a lost claim is kept
        Instant now = clock.instant();
        if (outcome.localChange() != null) {
            outcome.localChange().run();
        }
        switch (outcome.type()) {
            case DONE -> job.succeed(now);
            case FAILED -> job.fail(outcome.detail(), now);
            case NEEDS_ATTENTION -> job.needsAttention(outcome.detail(), now);
            case RETRY -> {
                Instant backoff = now.plus(config.backoffAfter(job.attempts()));
                Instant next = outcome.notBefore() != null && outcome.notBefore().isAfter(backoff)
                        ? outcome.notBefore() : backoff;
                job.retryLater(outcome.detail(), next, now);
            }
        }
    }

    public void markOutcomeUnknown(long jobId) {
        em.find(Job.class, jobId).markOutcomeUnknown();
    }

    public Job retryByOperator(long jobId) {
        Job job = em.find(Job.class, jobId, LockModeType.PESSIMISTIC_WRITE);
        if (job == null) {
            throw Refusal.notFound("Job", jobId);
        }
        try {
            Instant now = clock.instant();
            job.retryByOperator(now, NodeName.ID, now.plus(config.lease()));
        } catch (IllegalStateException e) {
            throw Refusal.conflict(e.getMessage());
        }
        return job;
    }

    /** Filters of the job list; null means any. */
    public record Filter(Job.Status status, Job.Kind kind, Long accountId) {
    }

    public Page<Job> search(Filter filter, Page.Request request) {
        return where(filter).page(em, "Job j", Job.class, request, "j.updatedAt", "j.id");
    }

    private static OptionalFilters where(Filter filter) {
        return new OptionalFilters()
                .and("j.status = :status", "status", filter.status())
                .and("j.kind = :kind", "kind", filter.kind())
                .and("j.accountId = :account", "account", filter.accountId());
    }

    static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
