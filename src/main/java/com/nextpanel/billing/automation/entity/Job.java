package com.nextpanel.billing.automation.entity;

import com.nextpanel.billing.hosting.entity.SuspensionCause;
import com.nextpanel.billing.hosting.entity.SuspensionCauseColumn;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A task of the one durable queue: an action on an account's panel, or sending an email. It goes
 * pending → in_progress → done / failed / needs_attention, with its attempts, when it may run
 * next and why the last attempt did not succeed.
 */
// The lock by id is prepared once at deployment: built per call, it cost measurable CPU under load.
@NamedQuery(name = "Job.lock", query = "SELECT j FROM Job j WHERE j.id = :id",
        lockMode = LockModeType.PESSIMISTIC_WRITE)
@Entity
@Table(name = "panel_job")
public class Job {

    /** What the job does: an action on its account's panel, or sending its email. */
    public enum Kind {
        PROVISION, SUSPEND, UNSUSPEND, TERMINATE, SEND_EMAIL;

        /** Whether it acts on an account on a panel (its attempts are audited), rather than on an email. */
        public boolean onPanel() {
            return this != SEND_EMAIL;
        }

        public Lane lane() {
            return onPanel() ? Lane.PANEL : Lane.EMAIL;
        }
    }

    /**
     * The part of the queue a job waits in. Each lane has its own places on a node, so that a
     * burst of emails never holds the places panel actions need, nor the other way round.
     */
    public enum Lane { PANEL, EMAIL }

    /** Where the job stands. The database lower-cases them. */
    public enum Status {
        PENDING, IN_PROGRESS, DONE, FAILED, NEEDS_ATTENTION, CANCELLED;

        public boolean isOpen() {
            return this == PENDING || this == IN_PROGRESS;
        }
    }

    @Id
    @SequenceGenerator(name = "panel_job_id_seq", sequenceName = "panel_job_id_seq", allocationSize = 50) // V7: ids in blocks
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "panel_job_id_seq")
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Kind kind;

    /** The account a panel action acts on; null for an email. */
    @Column(name = "account_id", updatable = false)
    private Long accountId;

    /** The email a SEND_EMAIL job sends; null for a panel action. */
    @Column(name = "email_id", updatable = false)
    private Long emailId;

    @Column(nullable = false)
    @jakarta.persistence.Convert(converter = JobStatusColumn.class)
    private Status status;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "max_attempts", nullable = false)
    private int maxAttempts;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "claimed_by")
    private String claimedBy;

    @Column(name = "claimed_until")
    private Instant claimedUntil;

    @Column(name = "outcome_unknown", nullable = false)
    private boolean outcomeUnknown;

    private String reason;

    /** A suspension's cause, set on SUSPEND jobs only: the account keeps it (the reason is only text). */
    @Column(name = "suspension_cause")
    @jakarta.persistence.Convert(converter = SuspensionCauseColumn.class)
    private SuspensionCause suspensionCause;

    @Column(name = "secret_sealed")
    private String secretSealed;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "requested_by", nullable = false, updatable = false)
    private String requestedBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    protected Job() {
    }

    /** A new panel action; a create's password comes with {@link #carryPassword} once persisted, sealed to its row. */
    public Job(Kind kind, long accountId, String reason, int maxAttempts, String requestedBy, Instant now) {
        this(kind, maxAttempts, requestedBy, now);
        if (!kind.onPanel()) {
            throw new IllegalArgumentException(kind + " is not an action on an account");
        }
        this.accountId = accountId;
        this.reason = reason;
    }

    /** A new job that sends one email of the outbox. */
    public static Job sendEmail(long emailId, int maxAttempts, Instant now) {
        Job job = new Job(Kind.SEND_EMAIL, maxAttempts, "system", now);
        job.emailId = emailId;
        return job;
    }

    private Job(Kind kind, int maxAttempts, String requestedBy, Instant now) {
        this.kind = kind;
        this.maxAttempts = maxAttempts;
        this.requestedBy = requestedBy;
        this.status = Status.PENDING;
        this.nextAttemptAt = now;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Says why this new suspension job suspends, once; required before the job is written. */
    public Job suspendingFor(SuspensionCause cause) {
        if (kind != Kind.SUSPEND || suspensionCause != null) {
            throw new IllegalStateException("Only a suspension job takes a suspension cause, and only once");
        }
        suspensionCause = cause;
        return this;
    }

    /** The customer's password a create carries until it is done, sealed to this row. */
    public void carryPassword(String sealed) {
        if (kind != Kind.PROVISION || secretSealed != null) {
            throw new IllegalStateException("Job " + id + " carries no password");
        }
        secretSealed = sealed;
    }

    /**
     * Claims a job that is being created, for a caller who runs it at once: the background
     * worker cannot take it from under the request, and it does take it if this node dies.
     */
    public void claimAtCreation(String node, Instant until) {
        if (attempts != 0 || status != Status.PENDING) {
            throw new IllegalStateException("Only a new job can be claimed at creation");
        }
        firstAttemptClaimed(node, until);
    }

    /** An attempt failed in a way that may pass: try again at {@code at}, or give up if the budget is spent. */
    public void retryLater(String error, Instant at, Instant now) {
        requireInProgress();
        lastError = truncate(error);
        if (lastAttempt()) {
            needsAttention("Gave up after " + attempts + " attempts: " + error, now);
            return;
        }
        status = Status.PENDING;
        nextAttemptAt = at;
        release(now);
    }

    /** Whether the attempt under way is the last of its budget: if it fails, only an operator can help. */
    public boolean lastAttempt() {
        return attempts >= maxAttempts;
    }

    /** What it acts on, for logs and alerts: "provision of account 7", "send_email of email 12". */
    public String describe() {
        String name = kind.name().toLowerCase(java.util.Locale.ROOT);
        return kind.onPanel() ? name + " of account " + accountId : name + " of email " + emailId;
    }

    public void succeed(Instant now) {
        requireInProgress();
        lastError = null;
        end(Status.DONE, now);
    }

    /** The panel refused for good: nothing to retry. */
    public void fail(String error, Instant now) {
        requireInProgress();
        lastError = truncate(error);
        end(Status.FAILED, now);
    }

    /** Only an operator can tell what to do next. */
    public void needsAttention(String error, Instant now) {
        lastError = truncate(error);
        end(Status.NEEDS_ATTENTION, now);
    }

    /**
     * An operator's retry: a fresh attempt budget, and the first attempt claimed for the
     * operator's request at once, so that no worker takes it in between.
     */
    public void retryByOperator(Instant now, String node, Instant until) {
        if (status != Status.NEEDS_ATTENTION) {
            throw new IllegalStateException("Only a job that needs attention can be retried; job "
                    + id + " is " + status.name().toLowerCase());
        }
        firstAttemptClaimed(node, until);
        nextAttemptAt = now;
        finishedAt = null;
        updatedAt = now;
    }

    /** A fresh attempt budget whose first attempt {@code node} holds until {@code until}. */
    private void firstAttemptClaimed(String node, Instant until) {
        status = Status.IN_PROGRESS;
        attempts = 1;
        claimedBy = node;
        claimedUntil = until;
    }

    public void markOutcomeUnknown() {
        outcomeUnknown = true;
    }

    private void end(Status finalStatus, Instant now) {
        status = finalStatus;
        finishedAt = now;
        if (finalStatus != Status.NEEDS_ATTENTION) {
            secretSealed = null; // the customer's password is needed no longer
        }
        release(now);
    }

    private void release(Instant now) {
        claimedBy = null;
        claimedUntil = null;
        updatedAt = now;
    }

    /**
     * An attempt's result belongs to the claim it ran under: if the claim moved to another node
     * (this node's lease ran out), this node's result is not recorded; the claim's holder runs the job.
     */
    public void requireClaimedBy(String node) {
        if (status != Status.IN_PROGRESS || !node.equals(claimedBy)) {
            throw new ClaimLost("Job " + id + " is " + status + (claimedBy == null ? "" : ", claimed by " + claimedBy)
                    + ", no longer by " + node + ": this attempt's result is not recorded");
        }
    }

    /** The claim an attempt ran under is no longer this node's. */
    public static class ClaimLost extends IllegalStateException {
        public ClaimLost(String message) {
            super(message);
        }
    }

    private void requireInProgress() {
        if (status != Status.IN_PROGRESS) {
            throw new IllegalStateException("Job " + id + " is " + status + ", not in progress");
        }
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 1000 ? error : error.substring(0, 999) + "…";
    }

    public Long id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    /** The account a panel action acts on; null for an email. */
    public Long accountId() {
        return accountId;
    }

    /** The email a SEND_EMAIL job sends; null for a panel action. */
    public Long emailId() {
        return emailId;
    }

    public Status status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public String claimedBy() {
        return claimedBy;
    }

    public Instant claimedUntil() {
        return claimedUntil;
    }

    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }

    public String reason() {
        return reason;
    }

    public SuspensionCause suspensionCause() {
        return suspensionCause;
    }

    public String secretSealed() {
        return secretSealed;
    }

    public String lastError() {
        return lastError;
    }

    public String requestedBy() {
        return requestedBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }
}
