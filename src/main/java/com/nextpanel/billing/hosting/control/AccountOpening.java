package com.nextpanel.billing.hosting.control;

import com.nextpanel.billing.audit.control.AuditLog;
import com.nextpanel.billing.automation.control.Jobs;
import com.nextpanel.billing.automation.entity.Job;
import com.nextpanel.billing.fleet.control.ReservedSlot;
import com.nextpanel.billing.fleet.control.ServerSelector;
import com.nextpanel.billing.hosting.entity.AccountHolder;
import com.nextpanel.billing.hosting.entity.HostingAccount;
import com.nextpanel.billing.platform.Refusal;
import com.nextpanel.billing.platform.UniqueViolations;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.util.Optional;

/**
 * Opens accounts: the account row, optionally its slot on a server, and its PROVISION job
 * carrying the sealed password, written together. A crash after that leaves a job that resumes.
 */
@Stateless // the transaction boundary of opening an account
public class AccountOpening {

    @Inject
    Accounts accounts;

    @Inject
    ServerSelector selector;

    @Inject
    Jobs jobs;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** V2's unique index: a username belongs to one live account. */
    private static final String USERNAME_INDEX = "hosting_account_username_live";

    /** An account just opened and placed, its claimed PROVISION job, and the slot it holds. */
    public record Opened(HostingAccount account, Job job, ReservedSlot slot) {
    }

    /**
     * Placed now (a 503 if no server can take it); the returned job is claimed for the caller to
     * run. The slot, the account and its job commit together; the server's row stays locked from
     * the reservation to the commit, a few statements later (a concurrent reservation skips it).
     */
    public Opened placeAndQueue(NewAccount request) {
        AccountHolder holder = request.holder();
        accounts.refuseTakenUsername(holder.username()); // the 409 that names the account holding it
        HostingAccount account = newAccount(request);
        ReservedSlot slot = request.serverId() == null
                ? selector.reserveBest(account.preferredLocation(), account.preferredTag())
                : selector.reserveOn(request.serverId());
        account.placeOn(slot.serverId(), account.createdAt());
        try {
            accounts.add(account);
        } catch (PersistenceException raced) {
            if (UniqueViolations.violated(raced).filter(USERNAME_INDEX::equals).isPresent()) {
                throw Refusal.conflict("Username '" + holder.username() + "' was being taken by another request");
            }
            throw raced;
        }
        Job job = jobs.enqueueClaimed(Job.Kind.PROVISION, account.id(), null, request.password(), audit.actor());
        return new Opened(account, job, slot);
    }

    /** Not placed yet: the job will choose the server when it runs. */
    public Job queue(NewAccount request) {
        accounts.refuseTakenUsername(request.holder().username());
        return queue(open(request), request);
    }

    /** Places an account that was queued unplaced; empty if it already is. */
    public Optional<ReservedSlot> placeIfUnplaced(long accountId) {
        HostingAccount account = accounts.lock(accountId);
        if (account.serverId() != null) {
            return Optional.empty();
        }
        ReservedSlot slot = selector.reserveBest(account.preferredLocation(), account.preferredTag());
        account.placeOn(slot.serverId(), clock.instant());
        return Optional.of(slot);
    }

    private HostingAccount open(NewAccount request) {
        HostingAccount account = newAccount(request);
        accounts.add(account);
        return account;
    }

    private HostingAccount newAccount(NewAccount request) {
        return new HostingAccount(request.holder(), request.customerId(), request.orderId(),
                request.preference().location(), request.preference().tag(), clock.instant());
    }

    private Job queue(HostingAccount account, NewAccount request) {
        return jobs.enqueue(Job.Kind.PROVISION, account.id(), null, request.password(), audit.actor());
    }
}
