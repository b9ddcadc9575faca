package com.nextpanel.billing.automation.control;

import com.nextpanel.billing.automation.entity.Job;
import com.nextpanel.billing.platform.EntityIds;
import com.nextpanel.billing.platform.NodeName;
import com.nextpanel.billing.platform.OptionalFilters;
import com.nextpanel.billing.platform.Page;
import com.nextpanel.billing.platform.Refusal;
import com.nextpanel.billing.platform.RequestIds;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The job table. Claims are single SQL statements, so that any number of nodes and threads can
 * ask for work and each job is run by one of them at a time.
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
    EntityIds ids;

    @Inject
    Clock clock;

    /** A job for the background worker; {@code password} (a create's, else null) is kept sealed to its row. */
    public Job enqueue(Job.Kind kind, long accountId, String reason, String password, String requestedBy) {
        Job job = newJob(kind, accountId, reason, password, requestedBy, clock.instant());
        em.persist(job);
        return job;
    }

    /**
     * Queues one job per account that {@code accountIds} selects (SQL selecting a column
     * account_id, with positional parameters ?1..?n given in {@code params}), in one statement: a
     * sweep over thousands of services must not cost a round trip each. Accounts with an open job
     * are skipped (the one-open-job index). Answers how many were queued.
     */
    public int enqueueEach(Job.Kind kind, String reason, String requestedBy, String accountIds, Object... params) {
        Instant now = clock.instant();
        int n = params.length;
        var insert = em.createNativeQuery("INSERT INTO panel_job (kind, account_id, status, attempts, max_attempts,"
                + " next_attempt_at, reason, requested_by, created_at, updated_at)"
                + " SELECT ?" + (n + 1) + ", selected.account_id, 'pending', 0, ?" + (n + 2) + ", ?" + (n + 3)
                + ", ?" + (n + 4) + ", ?" + (n + 5) + ", ?" + (n + 3) + ", ?" + (n + 3)
                + " FROM (" + accountIds + ") selected"
                + " ON CONFLICT (account_id) WHERE status IN ('pending', 'in_progress') DO NOTHING");
        for (int i = 0; i < n; i++) {
            insert.setParameter(i + 1, params[i]);
        }
        return insert.setParameter(n + 1, kind.name())
                .setParameter(n + 2, config.maxAttempts())
                .setParameter(n + 3, at(now))
                .setParameter(n + 4, reason)
                .setParameter(n + 5, requestedBy)
                .executeUpdate();
    }

    /** A job the caller runs at once ({@link JobRunner#run(Job)}); it is claimed in the same transaction. */
    public Job enqueueClaimed(Job.Kind kind, long accountId, String reason, String password, String requestedBy) {
        Job job = newClaimed(kind, accountId, reason, password, requestedBy);
        em.persist(job); // its id is known at once (ids in blocks); the row goes with the transaction's others
        return job;
    }

    /** A new job, its id taken, claimed by this node for the caller to run at once, for the caller to write. */
    @Transactional(Transactional.TxType.SUPPORTS) // writes nothing
    public Job newClaimed(Job.Kind kind, long accountId, String reason, String password, String requestedBy) {
        Instant now = clock.instant();
        Job job = newJob(kind, accountId, reason, password, requestedBy, now);
        job.claimAtCreation(NodeName.ID, now.plus(config.lease()));
        return job;
    }

    /** The id is taken ahead of the insert, so the password can be sealed to the job's row. */
    private Job newJob(Job.Kind kind, long accountId, String reason, String password, String requestedBy,
            Instant now) {
        long id = ids.next(Job.class);
        String sealed = password == null ? null : cipher.seal(password, JobSecrets.PASSWORDS.at(id));
        return new Job(id, kind, accountId, reason, sealed, config.maxAttempts(), requestedBy, now);
    }

    /** The password a create job carries, opened for its one use: the panel call. */
    public String passwordOf(Job job) {
        return cipher.open(job.secretSealed(), JobSecrets.PASSWORDS.at(job.id()));
    }

    public Job get(long id) {
        return find(id).orElseThrow(() -> Refusal.notFound("Job", id));
    }

    public Optional<Job> find(long id) {
        return Optional.ofNullable(em.find(Job.class, id));
    }

    public Optional<Job> openFor(long accountId) {
        return em.createQuery("SELECT j FROM Job j WHERE j.accountId = :account"
                        + " AND j.status IN :open", Job.class)
                .setParameter("account", accountId)
                .setParameter("open", List.of(Job.Status.PENDING, Job.Status.IN_PROGRESS))
                .getResultStream().findFirst();
    }

    /**
     * Claims due jobs, then jobs whose claimant died (lease ran out), and answers them as claimed.
     * A create that was in flight when its worker died may have happened on the panel: it is
     * marked outcome_unknown. Two statements, each walking its own partial index in order: one
     * with an OR between them sorted every open job on each claim.
     */
    public List<Job> claimDue(int limit) {
        Instant now = clock.instant();
        List<Job> claimed = new ArrayList<>(claim(
                "status = 'pending' AND next_attempt_at <= ?3 ORDER BY next_attempt_at", limit, now));
        if (claimed.size() < limit) {
            claimed.addAll(claim("status = 'in_progress' AND claimed_until < ?3 ORDER BY claimed_until",
                    limit - claimed.size(), now));
        }
        claimed.sort(Comparator.comparing(Job::id));
        return claimed;
    }

    /** Extends the lease of every job this node holds; answers how many. */
    public int renewClaims() {
        Instant now = clock.instant();
        return em.createNativeQuery("UPDATE panel_job SET claimed_until = ?1 WHERE claimed_by = ?2"
                        + " AND status = 'in_progress'")
                .setParameter(1, at(now.plus(config.lease())))
                .setParameter(2, NodeName.ID)
                .executeUpdate();
    }

    /**
     * Gives back claims this node took but will not run (it is shutting down): the jobs are due
     * again at once for any node, their attempt not counted, instead of waiting for the lease.
     */
    public void unclaim(List<Job> claimed) {
        if (claimed.isEmpty()) {
            return;
        }
        em.createQuery("UPDATE Job j SET j.status = :pending, j.attempts = j.attempts - 1, j.claimedBy = NULL,"
                        + " j.claimedUntil = NULL, j.updatedAt = :now WHERE j.id IN :ids AND j.status = :inProgress"
                        + " AND j.claimedBy = :node AND j.attempts > 0")
                .setParameter("pending", Job.Status.PENDING)
                .setParameter("inProgress", Job.Status.IN_PROGRESS)
                .setParameter("now", clock.instant())
                .setParameter("ids", claimed.stream().map(Job::id).toList())
                .setParameter("node", NodeName.ID)
                .executeUpdate();
    }

    @SuppressWarnings("unchecked")
    private List<Job> claim(String which, int limit, Instant now) {
        // The pick is a MATERIALIZED CTE: as an IN (subquery) the planner may run it again for
        // each row it joins, and then claims more than the limit.
        return em.createNativeQuery("WITH picked AS MATERIALIZED (SELECT id FROM panel_job WHERE " + which
                        + " LIMIT ?4 FOR UPDATE SKIP LOCKED)"
                        + " UPDATE panel_job SET status = 'in_progress', attempts = attempts + 1,"
                        + " claimed_by = ?1, claimed_until = ?2, updated_at = ?3,"
                        + " outcome_unknown = outcome_unknown OR (status = 'in_progress' AND kind = 'PROVISION')"
                        + " WHERE id IN (SELECT id FROM picked) RETURNING *", Job.class)
                .setParameter(1, NodeName.ID)
                .setParameter(2, at(now.plus(config.lease())))
                .setParameter(3, at(now))
                .setParameter(4, limit)
                .getResultList();
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

    /**
     * Settles many attempts in one transaction, as {@link #settle} does each: one commit for all,
     * and one query per table to lock the jobs ({@code group.lock} locks the rest, and
     * {@code group.settled} finishes what the outcomes left to the end). If any of them fails,
     * none is settled and the caller settles them one by one.
     */
    public List<Job> settleAll(List<Settling> attempts, Together group) {
        Map<Long, Job> locked = new HashMap<>();
        em.createQuery("SELECT j FROM Job j WHERE j.id IN :ids ORDER BY j.id", Job.class)
                .setParameter("ids", attempts.stream().map(Settling::jobId).toList())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().forEach(job -> locked.put(job.id(), job));
        List<Job> jobs = List.copyOf(locked.values());
        group.lock(jobs);
        List<Job> settled = new ArrayList<>(attempts.size());
        for (Settling attempt : attempts) {
            Job job = Optional.ofNullable(locked.get(attempt.jobId()))
                    .orElseThrow(() -> Refusal.notFound("Job", attempt.jobId()));
            attempt.carried().run(() -> {
                record(job, attempt.outcome());
                attempt.andThen().accept(job);
            });
            settled.add(job);
        }
        group.settled(jobs);
        return settled;
    }

    /** What the handlers of a group's jobs do around settling them together. */
    public interface Together {

        /** Before: lock what the outcomes will change, in one query per table. */
        void lock(List<Job> jobs);

        /** After all outcomes were recorded, in the same transaction. */
        void settled(List<Job> jobs);
    }

    /** One attempt to settle: the job, how the attempt ended, what to do after, and whose request it was. */
    public record Settling(long jobId, JobOutcome outcome, Consumer<Job> andThen, RequestIds.Carried carried) {
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
