package com.nextpanel.billing.billing.control;

import com.nextpanel.billing.automation.control.Jobs;
import com.nextpanel.billing.automation.entity.Job;
import com.nextpanel.billing.billing.entity.AutomationRun;
import com.nextpanel.billing.audit.control.AuditLog;
import com.nextpanel.billing.hosting.entity.SuspensionCause;
import com.nextpanel.billing.platform.Leases;
import com.nextpanel.billing.platform.NodeName;
import com.nextpanel.billing.platform.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.ArrayList;
import java.util.function.LongPredicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The billing day, as WHMCS-class systems run it: overdue invoices are marked, services overdue
 * for suspend-after-days are suspended for non-payment, those paid up are unsuspended, those
 * overdue for terminate-after-days (or cancelled for a date that has come) are terminated, and
 * renewal invoices go out invoice-days-before the due date.
 * <p>
 * Panel work is queued as jobs, one statement per step (the worker runs them and retries; a failure
 * leaves a retrying job and then an alert, never a silent skip). Every step is idempotent (an
 * account has at most one open job) and the run holds a lease, so a second run — on this node or
 * another, or after a crash mid-way — acts once.
 */
@ApplicationScoped
public class BillingAutomation {

    static final String LEASE = "billing-automation";
    private static final Logger LOG = Logger.getLogger(BillingAutomation.class.getName());
    private static final Duration LEASE_LENGTH = Duration.ofMinutes(15);

    @Inject
    Leases leases;

    @Inject
    AutomationRuns runs;

    @Inject
    Invoices invoices;

    @Inject
    Services services;

    @Inject
    Renewals renewals;

    @Inject
    Jobs jobs;

    @Inject
    AuditLog audit;

    @Inject
    BillingConfig config;

    @Inject
    Clock clock;

    /** Runs the billing day now; a 409 when a run is already under way somewhere. */
    public AutomationRun run(String trigger) {
        if (!leases.take(LEASE, NodeName.ID, LEASE_LENGTH)) {
            throw Refusal.conflict("An automation run is already under way; it finishes within "
                    + LEASE_LENGTH.toMinutes() + " minutes");
        }
        try {
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            AutomationRun run = runs.start(new AutomationRun(trigger, NodeName.ID, today, clock.instant()));
            return runs.finish(run.id(), day(today));
        } finally {
            leases.release(LEASE, NodeName.ID);
        }
    }

    private AutomationRun.Tally day(LocalDate today) {
        List<String> failures = new ArrayList<>();
        String by = audit.actor();
        int overdue = invoices.markOverdue(today);
        int suspended = jobs.enqueueEach(Job.Kind.SUSPEND, ServiceFollower.OVERDUE, SuspensionCause.NON_PAYMENT, by,
                () -> services.accountsDueForSuspension(today.minusDays(config.suspendAfterDays())));
        int unsuspended = jobs.enqueueEach(Job.Kind.UNSUSPEND, null, null, by, services::accountsDueForUnsuspension);
        LocalDate terminateBefore = config.terminateAfterDays() == 0 ? null : today.minusDays(config.terminateAfterDays());
        int terminated = jobs.enqueueEach(Job.Kind.TERMINATE, null, null, by,
                () -> services.accountsDueForTermination(terminateBefore, today));
        int invoiced = each(services.dueForRenewal(today.plusDays(config.invoiceDaysBefore())),
                id -> renewals.issue(id, today.plusDays(config.invoiceDaysBefore())), "renewal of service", failures);
        return new AutomationRun.Tally(overdue, suspended, unsuspended, terminated, invoiced, failures.size(),
                failures.isEmpty() ? null : String.join("; ", failures));
    }

    private static int each(List<Long> ids, LongPredicate work, String what, List<String> failures) {
        int done = 0;
        for (long id : ids) {
            try {
                if (work.test(id)) {
                    done++;
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, what + " " + id + " failed", e);
                failures.add(what + " " + id + ": " + e.getMessage());
            }
        }
        return done;
    }
}
