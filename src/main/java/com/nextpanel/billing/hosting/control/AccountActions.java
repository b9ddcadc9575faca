package com.nextpanel.billing.hosting.control;

import com.nextpanel.billing.audit.control.AuditLog;
import com.nextpanel.billing.automation.control.JobRunner;
import com.nextpanel.billing.automation.control.Jobs;
import com.nextpanel.billing.automation.entity.Job;
import com.nextpanel.billing.hosting.entity.HostingAccount;
import com.nextpanel.billing.hosting.entity.SuspensionCause;
import com.nextpanel.billing.platform.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Suspend, unsuspend, terminate: each queued as a job in a short transaction (refused at once
 * if the account's state does not allow it), then run within the request as the integration guide's service did.
 */
@ApplicationScoped
public class AccountActions {

    public static final String DEFAULT_SUSPENSION_REASON = "Suspended by an administrator";

    @Inject
    Accounts accounts;

    @Inject
    Jobs jobs;

    @Inject
    JobRunner runner;

    @Inject
    AuditLog audit;

    /** An account and the job that acted on it, as they stand after the attempt. */
    public record Acted(HostingAccount account, Job job) {
    }

    @Inject
    ActionQueue queue;

    /** An operator's suspension: whatever its text, only an operator lifts it. */
    public Acted suspend(long accountId, String reason) {
        String why = reason == null || reason.isBlank() ? DEFAULT_SUSPENSION_REASON : reason.trim();
        return run(queue.enqueue(accountId, Job.Kind.SUSPEND, why, HostingAccount::requireSuspendable, true,
                SuspensionCause.OPERATOR));
    }

    public Acted unsuspend(long accountId) {
        return run(queue.enqueue(accountId, Job.Kind.UNSUSPEND, null, HostingAccount::requireUnsuspendable, true,
                null));
    }

    public Acted terminate(long accountId) {
        return run(queue.enqueue(accountId, Job.Kind.TERMINATE, null, HostingAccount::requireTerminable, true,
                null));
    }

    /**
     * {@link #enqueue}, except that an action already queued for the account is no refusal: that
     * job runs first and the automation run looks again (empty then). Any other refusal stands.
     */
    public Optional<Job> enqueueUnlessUnderWay(long accountId, Job.Kind kind, String reason) {
        if (kind != Job.Kind.UNSUSPEND) {
            throw new IllegalArgumentException("only an unsuspension is queued this way");
        }
        return queue.enqueueUnlessUnderWay(accountId, kind, reason, HostingAccount::requireUnsuspendable);
    }

    private Acted run(Job job) {
        Job settled = runner.run(job);
        return new Acted(accounts.get(job.accountId()), settled);
    }

    /** The short transaction that checks the account and queues its job. */
    @ApplicationScoped
    @Transactional
    public static class ActionQueue {

        @Inject
        Accounts accounts;

        @Inject
        Jobs jobs;

        @Inject
        AuditLog audit;

        /** {@code cause}: a suspension's, null for other kinds. */
        public Job enqueue(long accountId, Job.Kind kind, String reason, Consumer<HostingAccount> allowed,
                boolean runNow, SuspensionCause cause) {
            HostingAccount account = accounts.lock(accountId);
            allowed.accept(account);
            jobs.openFor(accountId).ifPresent(open -> {
                throw Refusal.conflict("Account " + accountId + " already has a " + open.kind().name().toLowerCase()
                        + " in progress (job " + open.id() + "); wait for it to finish");
            });
            Job job = runNow ? jobs.enqueueClaimed(kind, accountId, reason, null, audit.actor())
                    : jobs.enqueue(kind, accountId, reason, null, audit.actor());
            return cause == null ? job : job.suspendingFor(cause); // written with the transaction, cause included
        }

        /** Asked before anything throws, so that the caller's transaction is not marked for rollback. */
        public Optional<Job> enqueueUnlessUnderWay(long accountId, Job.Kind kind, String reason,
                Consumer<HostingAccount> allowed) {
            HostingAccount account = accounts.lock(accountId);
            if (jobs.openFor(accountId).isPresent()) {
                return Optional.empty();
            }
            allowed.accept(account);
            return Optional.of(jobs.enqueue(kind, accountId, reason, null, audit.actor()));
        }
    }
}
