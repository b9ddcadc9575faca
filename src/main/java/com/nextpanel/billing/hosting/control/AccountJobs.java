package com.nextpanel.billing.hosting.control;

import com.nextpanel.billing.automation.control.JobHandler;
import com.nextpanel.billing.automation.control.JobOutcome;
import com.nextpanel.billing.automation.control.Jobs;
import com.nextpanel.billing.automation.entity.Job;
import com.nextpanel.billing.fleet.control.PanelAccess;
import com.nextpanel.billing.hosting.entity.AccountStatus;
import com.nextpanel.billing.hosting.entity.HostingAccount;
import com.nextpanel.billing.hosting.entity.SuspensionCause;
import com.nextpanel.billing.panel.PanelException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;

/**
 * What each account job does on the panel, and how the panel's answer changes the account.
 * Idempotent towards our records: a job resumed after a crash finds its work maybe done.
 */
@ApplicationScoped
public class AccountJobs implements JobHandler {

    @Inject
    Accounts accounts;

    @Inject
    AccountCreation creation;

    @Inject
    PanelAccess panels;

    @Inject
    Jobs jobs;

    @Inject
    Clock clock;

    @Override
    public boolean handles(Job.Kind kind) {
        return kind.onPanel();
    }

    @Override
    public JobOutcome attempt(Job job) {
        Accounts.OnServer target = accounts.getOnServer(job.accountId());
        HostingAccount account = target.account();
        String where = on(target.serverName());
        return switch (job.kind()) {
            case PROVISION -> creation.create(job, account, target.serverName());
            case SUSPEND -> suspend(job, account, where);
            case UNSUSPEND -> unsuspend(account, where);
            case TERMINATE -> terminate(account, where);
            case SEND_EMAIL -> throw new IllegalArgumentException(job.describe() + " is not an account's");
        };
    }

    private JobOutcome suspend(Job job, HostingAccount account, String where) {
        if (account.status() == AccountStatus.SUSPENDED) {
            return JobOutcome.done("account was already suspended", null);
        }
        if (account.status() != AccountStatus.ACTIVE) {
            return JobOutcome.failed("account is " + account.status().label() + " and cannot be suspended", null);
        }
        long id = account.id();
        String reason = job.reason();
        SuspensionCause cause = job.suspensionCause();
        try {
            panels.repeatable(account.serverId(), panel -> panel.suspend(account.panelUserId(), reason));
            return JobOutcome.done("suspended (" + cause.label() + "): " + reason + where,
                    () -> accounts.suspend(id, cause, reason));
        } catch (PanelException e) {
            return otherwise(e, where, clock.instant());
        }
    }

    private JobOutcome unsuspend(HostingAccount account, String where) {
        if (account.status() == AccountStatus.ACTIVE) {
            return JobOutcome.done("account was already active", null);
        }
        if (account.status() != AccountStatus.SUSPENDED) {
            return JobOutcome.failed("account is " + account.status().label() + " and cannot be unsuspended", null);
        }
        long id = account.id();
        try {
            panels.repeatable(account.serverId(), panel -> panel.unsuspend(account.panelUserId()));
            return JobOutcome.done("unsuspended" + where, () -> accounts.unsuspend(id));
        } catch (PanelException e) {
            return otherwise(e, where, clock.instant());
        }
    }

    private JobOutcome terminate(HostingAccount account, String where) {
        if (account.status() == AccountStatus.TERMINATED) {
            return JobOutcome.done("account was already terminated", null);
        }
        if (account.status() != AccountStatus.ACTIVE && account.status() != AccountStatus.SUSPENDED) {
            return JobOutcome.failed("account is " + account.status().label() + " and cannot be terminated", null);
        }
        long id = account.id();
        try {
            panels.repeatable(account.serverId(), panel -> panel.delete(account.panelUserId()));
            return JobOutcome.done("deleted from the panel" + where, () -> accounts.terminate(id));
        } catch (PanelException e) {
            if (e.kind() == PanelException.Kind.NOT_FOUND) {
                return JobOutcome.done("already gone from the panel" + where, () -> accounts.terminate(id));
            }
            return otherwise(e, where, clock.instant());
        }
    }

    /** The panel failures every kind of job treats alike. */
    static JobOutcome otherwise(PanelException e, String where, Instant now) {
        if (e.isTransient()) {
            return JobOutcome.retry(e.getMessage() + where, e.retryAfter().map(now::plus).orElse(null));
        }
        return JobOutcome.needsAttention(e.getMessage() + where);
    }

    static String on(String serverName) {
        return serverName == null ? "" : " (server '" + serverName + "')";
    }
}
