package com.nextpanel.billing.hosting.control;

import com.nextpanel.billing.audit.control.AuditLog;
import com.nextpanel.billing.audit.entity.AuditEntry.Outcome;
import com.nextpanel.billing.automation.control.JobRunner;
import com.nextpanel.billing.automation.entity.Job;
import com.nextpanel.billing.fleet.control.CapacityAlerts;
import com.nextpanel.billing.fleet.control.ReservedSlot;
import com.nextpanel.billing.hosting.entity.HostingAccount;
import com.nextpanel.billing.platform.Refusal;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicReference;

/** Creates hosting accounts: opened in one transaction, created on the panel by their job. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // calls panels: each step holds its own transaction
public class Provisioning {

    @Inject
    AccountOpening opening;

    @Inject
    Accounts accounts;

    @Inject
    AccountCreation creation;

    @Inject
    JobRunner runner;

    @Inject
    AuditLog audit;

    @Inject
    CapacityAlerts capacityAlerts;

    /** What became of a provisioning request that was run at once, and the server it went to. */
    public record Provisioned(HostingAccount account, Job job, ReservedSlot slot) {
    }

    /** The integration guide's POST /nextpanel/provision: reserve a slot, then create on the panel in this request. */
    public Provisioned provisionNow(NewAccount request) {
        AccountOpening.Opened opened;
        try {
            opened = opening.placeAndQueue(request);
        } catch (Refusal refused) { // every kind: each refusal is audited, then answered
            audit.record("account.provision", "account", null, Outcome.REFUSED,
                    request.holder().username() + ": " + refused.detail());
            throw refused;
        }
        capacityAlerts.afterReservation(opened.slot());
        long accountId = opened.account().id();
        AtomicReference<HostingAccount> after = new AtomicReference<>();
        // The account and its server are in hand: the attempt need not read them again, and the
        // account as the outcome left it is taken from the transaction that recorded it.
        Job settled = runner.run(opened.job(), job -> creation.create(job, opened.account(),
                opened.slot().serverName()).then(() -> after.set(accounts.get(accountId))));
        return new Provisioned(after.get() == null ? accounts.get(accountId) : after.get(), settled, opened.slot());
    }

    /** Queues an account for creation inside the caller's transaction (an order being paid). */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public Job enqueue(NewAccount request) {
        return opening.queue(request);
    }
}
