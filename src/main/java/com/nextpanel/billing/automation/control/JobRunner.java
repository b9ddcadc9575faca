package com.nextpanel.billing.automation.control;

import com.nextpanel.billing.alert.control.Alerts;
import com.nextpanel.billing.alert.entity.Alert;
import com.nextpanel.billing.audit.control.AuditLog;
import com.nextpanel.billing.audit.entity.AuditEntry.Outcome;
import com.nextpanel.billing.automation.entity.Job;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one attempt of a claimed job through its handler, then records the outcome, audits it
 * and raises an alert when only an operator can help.
 */
@ApplicationScoped
public class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class.getName());

    @Inject
    @Any
    Instance<JobHandler> handlers;

    private final Map<Job.Kind, JobHandler> byKind = new EnumMap<>(Job.Kind.class);
    private final Set<Long> running = ConcurrentHashMap.newKeySet();

    @Inject
    Jobs jobs;

    @Inject
    Alerts alerts;

    @Inject
    AuditLog audit;

    /** Runs a claimed job the caller holds, through the handler of its kind. */
    public Job run(Job job) {
        return run(job, handlerFor(job.kind())::attempt);
    }

    /**
     * Runs a claimed job the caller holds with the attempt given: a caller that has just opened
     * the job's account knows more than the job row says, and need not read it all again.
     */
    public Job run(Job job, Function<Job, JobOutcome> attempt) {
        running.add(job.id());
        try {
            JobOutcome outcome;
            try {
                outcome = attempt.apply(job);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Job " + job.id() + " (" + job.kind() + ") failed unexpectedly", e);
                outcome = JobOutcome.retry("Unexpected error: " + e, null);
            }
            JobOutcome result = outcome;
            return jobs.settle(job.id(), outcome, settled -> record(settled, result));
        } finally {
            running.remove(job.id());
        }
    }

    /**
     * The jobs this node is running now: only their leases are renewed. A job whose outcome could
     * not be recorded (the database was away) is claimed still, but no longer running: its lease
     * runs out and a worker takes it again.
     */
    public Set<Long> running() {
        return Set.copyOf(running);
    }

    /**
     * Audits a panel action's attempt, and raises an alert for any job that needs attention. An
     * email's attempts are not audited: the outbox is their record.
     */
    private void record(Job job, JobOutcome outcome) {
        if (job.status() == Job.Status.NEEDS_ATTENTION) {
            LOG.warning(() -> "Job " + job.id() + " (" + job.describe() + ") needs attention: " + job.lastError());
            alerts.raise(Alert.Kind.JOB_NEEDS_ATTENTION, "job", job.id(),
                    job.describe() + " needs attention: " + job.lastError());
        }
        if (!job.kind().onPanel()) {
            return;
        }
        String action = "account." + job.kind().name().toLowerCase(Locale.ROOT);
        String where = "job " + job.id() + ", attempt " + job.attempts() + ": ";
        switch (job.status()) {
            case DONE -> audit.append(action, "account", job.accountId(), Outcome.SUCCESS, where + outcome.detail());
            case FAILED -> audit.append(action, "account", job.accountId(), Outcome.FAILED, where + outcome.detail());
            case PENDING -> audit.append(action, "account", job.accountId(), Outcome.FAILED,
                    where + outcome.detail() + " — will retry at " + job.nextAttemptAt());
            case NEEDS_ATTENTION -> audit.append(action, "account", job.accountId(), Outcome.FAILED,
                    where + "needs attention: " + job.lastError());
            default -> { }
        }
    }

    /** Each kind's handler, found once. */
    @PostConstruct
    void findHandlers() {
        for (Job.Kind kind : Job.Kind.values()) {
            handlers.stream().filter(handler -> handler.handles(kind)).findFirst()
                    .ifPresent(handler -> byKind.put(kind, handler));
        }
    }

    private JobHandler handlerFor(Job.Kind kind) {
        JobHandler handler = byKind.get(kind);
        if (handler == null) {
            throw new IllegalStateException("No handler for jobs of kind " + kind);
        }
        return handler;
    }
}
