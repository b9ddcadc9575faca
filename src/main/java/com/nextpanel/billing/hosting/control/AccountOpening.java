package com.nextpanel.billing.hosting.control;

import com.nextpanel.billing.audit.control.AuditLog;
import com.nextpanel.billing.automation.control.Jobs;
import com.nextpanel.billing.automation.entity.Job;
import com.nextpanel.billing.fleet.control.ReservedSlot;
import com.nextpanel.billing.fleet.control.ServerSelector;
import com.nextpanel.billing.hosting.entity.AccountHolder;
import com.nextpanel.billing.hosting.entity.HostingAccount;
import com.nextpanel.billing.platform.EntityIds;
import com.nextpanel.billing.platform.ErrorCode;
import com.nextpanel.billing.platform.Refusal;
import com.nextpanel.billing.platform.StandaloneStatements;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;

/**
 * Opens accounts: the account row, optionally its slot on a server, and its PROVISION job
 * carrying the sealed password, written together. A crash after that leaves a job that resumes.
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
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    EntityIds ids;

    /** An account just opened and placed, its claimed PROVISION job, and the slot it holds. */
    public record Opened(HostingAccount account, Job job, ReservedSlot slot) {
    }

    /** V2's unique index: a username belongs to one live account. */
    private static final String USERNAME_INDEX = "hosting_account_username_live";

    /**
     * The account and its claimed PROVISION job, as further CTEs of the statement that reserves
     * their slot (?1–?4 are the reservation's). The columns not named keep their defaults.
     */
    private static final String ACCOUNT_AND_JOB = "account AS (INSERT INTO hosting_account (id, server_id, username,"
            + " email, full_name, phone, company, package_id, customer_id, order_id, status, slot_held,"
            + " preferred_location, preferred_tag, created_at, updated_at, version)"
            + " SELECT ?5, slot.id, ?6, ?7, ?8, ?9, ?10, CAST(?11 AS bigint), CAST(?12 AS bigint), CAST(?13 AS bigint),"
            + " 'pending', true, CAST(?14 AS varchar), CAST(?15 AS varchar), ?16, ?16, 1 FROM slot RETURNING id),"
            + " job AS (INSERT INTO panel_job (id, kind, account_id, status, attempts, max_attempts, next_attempt_at,"
            + " claimed_by, claimed_until, secret_sealed, requested_by, created_at, updated_at)"
            + " SELECT ?17, ?18, account.id, 'in_progress', ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?26 FROM account)";

    /**
     * Placed now (a 503 if no server can take it); the returned job is claimed for the caller to
     * run. The slot, the account and its job are written by one statement of their own: one
     * round trip where a transaction took five, and the server row locked only while it runs.
     */
    @Transactional(Transactional.TxType.NEVER)
    public Opened placeAndQueue(NewAccount request) {
        AccountHolder holder = request.holder();
        HostingAccount account = newAccount(request);
        account.identify(ids.next(HostingAccount.class));
        Job job = jobs.newClaimed(Job.Kind.PROVISION, account.id(), null, request.password(), audit.actor());
        ReservedSlot slot;
        try {
            slot = selector.reserveAlone(request.serverId(), account.preferredLocation(), account.preferredTag(),
                    ACCOUNT_AND_JOB, account.id(), holder.username(), holder.email(), holder.fullName(),
                    holder.phone(), holder.company(), holder.packageId(), account.customerId(), account.orderId(),
                    account.preferredLocation(), account.preferredTag(), account.createdAt(),
                    job.id(), job.kind().name(), job.attempts(), job.maxAttempts(), job.nextAttemptAt(),
                    job.claimedBy(), job.claimedUntil(), job.secretSealed(), job.requestedBy(), job.createdAt());
        } catch (StandaloneStatements.UniqueViolation taken) {
            if (!USERNAME_INDEX.equals(taken.constraint())) {
                throw taken;
            }
            accounts.refuseTakenUsername(holder.username()); // the 409 that names the account holding it
            throw Refusal.conflict("Username '" + holder.username() + "' was being taken by another request");
        } catch (Refusal refused) {
            if (refused.is(ErrorCode.SERVER_NOT_AVAILABLE, ErrorCode.UNKNOWN_SERVER)) {
                accounts.refuseTakenUsername(holder.username()); // a taken username is the first thing to say
            }
            throw refused;
        }
        account.placeOn(slot.serverId(), account.createdAt());
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
