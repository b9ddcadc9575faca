package com.nextpanel.billing.hosting.control;

import com.nextpanel.billing.automation.entity.Job;
import com.nextpanel.billing.fleet.control.ServerSelector;
import com.nextpanel.billing.hosting.entity.AccountStatus;
import com.nextpanel.billing.hosting.entity.HostingAccount;
import com.nextpanel.billing.hosting.entity.SuspensionCause;
import com.nextpanel.billing.platform.OptionalFilters;
import com.nextpanel.billing.platform.Page;
import com.nextpanel.billing.hosting.control.AccountChanged.Change;
import com.nextpanel.billing.platform.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The hosting accounts, and the account changes that follow a panel's answer. */
@ApplicationScoped
@Transactional
public class Accounts {

    @PersistenceContext
    EntityManager em;

    @Inject
    ServerSelector selector;

    @Inject
    Clock clock;

    @Inject
    Event<AccountChanged> changes;


    public HostingAccount get(long id) {
        return find(id).orElseThrow(() -> Refusal.notFound("Account", id));
    }

    public Optional<HostingAccount> find(long id) {
        return Optional.ofNullable(em.find(HostingAccount.class, id));
    }

    /** An account with the name of the server it is on (null while unplaced). */
    public record OnServer(HostingAccount account, String serverName) {
    }

    /**
     * The account and its server's name in one query: what a job's attempt needs to act and to
     * say where. A plain read, outside any transaction: a worker asks it once per job.
     */
    @Transactional(TxType.SUPPORTS)
    public OnServer getOnServer(long id) {
        return em.createQuery("SELECT a, s.name FROM HostingAccount a LEFT JOIN PanelServer s ON s.id = a.serverId"
                        + " WHERE a.id = :id", Object[].class)
                .setParameter("id", id).getResultStream()
                .map(row -> new OnServer((HostingAccount) row[0], (String) row[1]))
                .findFirst().orElseThrow(() -> Refusal.notFound("Account", id));
    }

    /** The account, row-locked until the transaction ends. */
    public HostingAccount lock(long id) {
        return em.createNamedQuery("HostingAccount.lock", HostingAccount.class).setParameter("id", id)
                .getResultStream().findFirst().orElseThrow(() -> Refusal.notFound("Account", id));
    }

    /**
     * Adds a new account; the caller has refused a taken username in the same transaction. The
     * row is written at once: a job that refers to it may follow, and rows left to the commit are
     * written in class order, not in the order they came.
     */
    public void add(HostingAccount account) {
        em.persist(account);
        em.flush();
    }

    public void refuseTakenUsername(String username) {
        liveHolderOf(username).ifPresent(id -> {
            throw Refusal.conflict("Username '" + username + "' is already in use by account " + id);
        });
    }

    /** The live account using this username, if any: asked before queuing what a refusal must not roll back. */
    public Optional<Long> liveHolderOf(String username) {
        return em.createQuery("SELECT a.id FROM HostingAccount a WHERE a.username = :username AND a.status NOT IN :gone",
                        Long.class)
                .setParameter("username", username)
                .setParameter("gone", List.of(AccountStatus.TERMINATED, AccountStatus.FAILED))
                .getResultStream().findFirst();
    }

    /** Created on its panel with {@code password}, which goes on to the welcome email only. */
    public void activate(long id, long panelUserId, String password) {
        lock(id).activate(panelUserId, clock.instant());
        changes.fire(new AccountChanged(id, Change.ACTIVATED, null, password));
    }

    /** Creation refused for good: the account fails and its slot goes back to the server. */
    public void fail(long id, String reason) {
        HostingAccount account = lock(id);
        if (account.fail(reason, clock.instant())) {
            selector.release(account.serverId());
        }
        changes.fire(new AccountChanged(id, Change.FAILED, reason, null));
    }

    public void suspend(long id, SuspensionCause cause, String reason) {
        lock(id).suspend(cause, reason, clock.instant());
        changes.fire(new AccountChanged(id, Change.SUSPENDED, reason, null));
    }

    public void unsuspend(long id) {
        lock(id).unsuspend(clock.instant());
        changes.fire(new AccountChanged(id, Change.UNSUSPENDED, null, null));
    }

    public void terminate(long id) {
        HostingAccount account = lock(id);
        if (account.terminate(clock.instant())) {
            selector.release(account.serverId());
        }
        changes.fire(new AccountChanged(id, Change.TERMINATED, null, null));
    }

    /**
     * For each of these accounts with a job waiting for an operator: what that job says to check
     * (one query for a page of accounts).
     */
    public Map<Long, String> needingAttention(Collection<Long> accountIds) {
        if (accountIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, String> attention = new HashMap<>();
        em.createQuery("SELECT j.accountId, j.lastError FROM Job j WHERE j.accountId IN :ids AND j.status = :waiting"
                        + " ORDER BY j.id", Object[].class)
                .setParameter("ids", accountIds)
                .setParameter("waiting", Job.Status.NEEDS_ATTENTION)
                .getResultList()
                .forEach(row -> attention.put((Long) row[0], row[1] == null ? "a job needs attention" : (String) row[1]));
        return attention;
    }

    /** Filters of the account list; null means any. */
    public record Filter(Long serverId, Long customerId, AccountStatus status, String username, String email) {
    }

    public Page<HostingAccount> search(Filter filter, Page.Request request) {
        return where(filter).page(em, "HostingAccount a", HostingAccount.class, request, "a.id");
    }

    private static OptionalFilters where(Filter filter) {
        return new OptionalFilters()
                .and("a.serverId = :server", "server", filter.serverId())
                .and("a.customerId = :customer", "customer", filter.customerId())
                .and("a.status = :status", "status", filter.status())
                .and("a.username LIKE :username", "username", OptionalFilters.containing(filter.username()))
                .and("LOWER(a.email) LIKE :email", "email", OptionalFilters.startingWith(filter.email()));
    }
}
