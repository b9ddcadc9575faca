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
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    @Inject
    JobSettler settler;

    @Inject
    Alerts alerts;

    @Inject
    AuditLog audit;

    /**
     * Before claimed jobs are run one by one: their handlers read what the attempts need in one
     * go. A failure here costs nothing but the saving: each attempt then reads for itself.
     */
    public void prepare(List<Job> claimed) {
        try {
            byHandler(claimed).forEach(JobHandler::prepare);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Preparing " + claimed.size() + " jobs failed; each reads for itself", e);
        }
    }

    /** Runs a claimed job the caller holds, through the handler of its kind. */
    public Job run(Job job) {
        return run(job, handlerFor(job.kind())::attempt);
    }

    /**
     * Runs a claimed job the caller holds with the attempt given: a caller that has just opened
     * the job's account knows more than the job row says, and need not read it all again.
     */
    public Job run(Job job, Function<Job, JobOutcome> attempt) {
        JobOutcome outcome;
        try {
            outcome = attempt.apply(job);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Job " + job.id() + " (" + job.kind() + ") failed unexpectedly", e);
            outcome = JobOutcome.retry("Unexpected error: " + e, null);
        }
        JobOutcome result = outcome;
        return settler.settle(job.id(), outcome, settled -> record(settled, result), together);
    }

    /** Each kind's handler locks, in one go, what the settling of its jobs will change, and finishes after. */
    private final Jobs.Together together = new Jobs.Together() {
        @Override
        public void lock(List<Job> jobs) {
            byHandler(jobs).forEach(JobHandler::lockTogether);
        }

        @Override
        public void settled(List<Job> jobs) {
            byHandler(jobs).forEach(JobHandler::settledTogether);
        }
    };

    private Map<JobHandler, List<Job>> byHandler(List<Job> jobs) {
        Map<JobHandler, List<Job>> byHandler = new LinkedHashMap<>();
        jobs.forEach(job -> byHandler.computeIfAbsent(handlerFor(job.kind()), h -> new ArrayList<>()).add(job));
        return byHandler;
    }

    private void record(Job job, JobOutcome outcome) {
        String action = "account." + job.kind().name().toLowerCase(Locale.ROOT);
        String where = "job " + job.id() + ", attempt " + job.attempts() + ": ";
        switch (job.status()) {
            case DONE -> audit.append(action, "account", job.accountId(), Outcome.SUCCESS, where + outcome.detail());
            case FAILED -> audit.append(action, "account", job.accountId(), Outcome.FAILED, where + outcome.detail());
            case PENDING -> audit.append(action, "account", job.accountId(), Outcome.FAILED,
                    where + outcome.detail() + " — will retry at " + job.nextAttemptAt());
            case NEEDS_ATTENTION -> {
                audit.append(action, "account", job.accountId(), Outcome.FAILED,
                        where + "needs attention: " + job.lastError());
                LOG.warning(() -> "Job " + job.id() + " (" + job.kind() + " of account " + job.accountId()
                        + ") needs attention: " + job.lastError());
                alerts.raise(Alert.Kind.JOB_NEEDS_ATTENTION, "job", job.id(),
                        job.kind().name().toLowerCase(Locale.ROOT) + " of account " + job.accountId()
                                + " needs attention: " + job.lastError());
            }
            default -> { }
        }
    }

    /** Each kind's handler, found once: a group looks its jobs' handlers up several times. */
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
