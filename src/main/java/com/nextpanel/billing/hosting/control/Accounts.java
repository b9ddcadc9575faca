package com.nextpanel.billing.hosting.control;

import com.nextpanel.billing.fleet.control.ServerSelector;
import com.nextpanel.billing.hosting.entity.AccountStatus;
import com.nextpanel.billing.hosting.entity.HostingAccount;
import com.nextpanel.billing.platform.Problem;
import com.nextpanel.billing.hosting.control.AccountChanged.Change;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
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
        return find(id).orElseThrow(() -> Problem.notFound("Account", id));
    }

    public Optional<HostingAccount> find(long id) {
        return Optional.ofNullable(em.find(HostingAccount.class, id));
    }

    public HostingAccount lock(long id) {
        HostingAccount account = em.find(HostingAccount.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (account == null) {
            throw Problem.notFound("Account", id);
        }
        return account;
    }

    public void add(HostingAccount account) {
        refuseTakenUsername(account.username());
        em.persist(account);
        em.flush();
    }

    public void refuseTakenUsername(String username) {
        em.createQuery("SELECT a.id FROM HostingAccount a WHERE a.username = :username AND a.status NOT IN :gone",
                        Long.class)
                .setParameter("username", username)
                .setParameter("gone", List.of(AccountStatus.TERMINATED, AccountStatus.FAILED))
                .getResultStream().findFirst()
                .ifPresent(id -> {
                    throw Problem.conflict("Username '" + username + "' is already in use by account " + id);
                });
    }

    public void activate(long id, long panelUserId, String sealedPassword) {
        lock(id).activate(panelUserId, clock.instant());
        changes.fire(new AccountChanged(id, Change.ACTIVATED, null, sealedPassword));
    }

    /** Creation refused for good: the account fails and its slot goes back to the server. */
    public void fail(long id, String reason) {
        HostingAccount account = lock(id);
        if (account.fail(reason, clock.instant())) {
            selector.release(account.serverId());
        }
        changes.fire(new AccountChanged(id, Change.FAILED, reason, null));
    }

    public void suspend(long id, String reason) {
        lock(id).suspend(reason, clock.instant());
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

    /** Filters of the account list; null means any. */
    public record Filter(Long serverId, Long customerId, AccountStatus status, String username) {
    }

    public List<HostingAccount> search(Filter filter, int offset, int limit) {
        return query(filter, HostingAccount.class, "SELECT a FROM HostingAccount a", " ORDER BY a.id DESC")
                .setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long count(Filter filter) {
        return query(filter, Long.class, "SELECT COUNT(a) FROM HostingAccount a", "").getSingleResult();
    }

    private <T> TypedQuery<T> query(Filter filter, Class<T> type, String select, String order) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (filter.serverId() != null) {
            where.append(" AND a.serverId = :server");
        }
        if (filter.customerId() != null) {
            where.append(" AND a.customerId = :customer");
        }
        if (filter.status() != null) {
            where.append(" AND a.status = :status");
        }
        if (filter.username() != null) {
            where.append(" AND a.username LIKE :username");
        }
        TypedQuery<T> query = em.createQuery(select + where + order, type);
        if (filter.serverId() != null) {
            query.setParameter("server", filter.serverId());
        }
        if (filter.customerId() != null) {
            query.setParameter("customer", filter.customerId());
        }
        if (filter.status() != null) {
            query.setParameter("status", filter.status());
        }
        if (filter.username() != null) {
            query.setParameter("username", "%" + filter.username().replace("%", "").replace("_", "\\_") + "%");
        }
        return query;
    }
}
