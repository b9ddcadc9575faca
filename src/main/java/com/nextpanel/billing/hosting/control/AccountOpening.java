package com.nextpanel.billing.hosting.control;

import com.nextpanel.billing.audit.control.AuditLog;
import com.nextpanel.billing.automation.control.Jobs;
import com.nextpanel.billing.automation.entity.Job;
import com.nextpanel.billing.fleet.control.ReservedSlot;
import com.nextpanel.billing.fleet.control.ServerSelector;
import com.nextpanel.billing.hosting.entity.HostingAccount;
import com.nextpanel.billing.security.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;

/**
 * The transaction that opens an account: its row, optionally its slot on a server, and its
 * PROVISION job carrying the sealed password. A crash after it leaves a job that resumes.
 */
@ApplicationScoped
@Transactional
public class AccountOpening {

    @Inject
    Accounts accounts;

    @Inject
    ServerSelector selector;

    @Inject
    Jobs jobs;

    @Inject
    SecretCipher cipher;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** An account just opened and placed, its claimed PROVISION job, and the slot it holds. */
    public record Opened(HostingAccount account, Job job, ReservedSlot slot) {
    }

    /** Placed now (a 503 if no server can take it); the returned job is claimed for the caller to run. */
    public Opened placeAndQueue(NewAccount request) {
        accounts.refuseTakenUsername(request.holder().username());
        String passwordSealed = cipher.seal(request.password());
        // The slot first, so that the account row is written once, already placed. The server row
        // stays locked until commit: only the two inserts come after it.
        ReservedSlot slot = request.serverId() == null
                ? selector.reserveBest(request.preference().location(), request.preference().tag())
                : selector.reserveOn(request.serverId());
        HostingAccount account = newAccount(request);
        account.placeOn(slot.serverId(), clock.instant());
        accounts.add(account);
        Job job = jobs.enqueueClaimed(Job.Kind.PROVISION, account.id(), null, passwordSealed, audit.actor());
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
        return jobs.enqueue(Job.Kind.PROVISION, account.id(), null, cipher.seal(request.password()), audit.actor());
    }
}
