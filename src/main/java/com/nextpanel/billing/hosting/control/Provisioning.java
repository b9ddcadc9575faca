package com.nextpanel.billing.hosting.control;

import com.nextpanel.billing.audit.control.AuditLog;
import com.nextpanel.billing.audit.entity.AuditEntry.Outcome;
import com.nextpanel.billing.automation.control.JobRunner;
import com.nextpanel.billing.automation.entity.Job;
import com.nextpanel.billing.fleet.control.CapacityAlerts;
import com.nextpanel.billing.hosting.entity.HostingAccount;
import com.nextpanel.billing.platform.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Creates hosting accounts: opened in one transaction, created on the panel by their job. */
@ApplicationScoped
public class Provisioning {

    @Inject
    AccountOpening opening;

    @Inject
    Accounts accounts;

    @Inject
    JobRunner runner;

    @Inject
    AuditLog audit;

    @Inject
    CapacityAlerts capacityAlerts;

    /** What became of a provisioning request that was run at once. */
    public record Provisioned(HostingAccount account, Job job) {
    }

    /** The seed's POST /nextpanel/provision: reserve a slot, then create on the panel within this request. */
    public Provisioned provisionNow(NewAccount request) {
        Job job;
        try {
            job = opening.placeAndQueue(request);
        } catch (Problem refused) {
            audit.record("account.provision", "account", null, Outcome.REFUSED,
                    request.holder().username() + ": " + refused.detail());
            throw refused;
        }
        capacityAlerts.check(accounts.get(job.accountId()).serverId());
        Job settled = runner.runClaimed(job.id());
        return new Provisioned(accounts.get(settled.accountId()), settled);
    }

    /** Queues an account for creation inside the caller's transaction (an order being paid). */
    public Job enqueue(NewAccount request) {
        return opening.queue(request);
    }
}
