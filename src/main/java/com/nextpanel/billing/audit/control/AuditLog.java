package com.nextpanel.billing.audit.control;

import com.nextpanel.billing.audit.entity.AuditEntry;
import com.nextpanel.billing.audit.entity.AuditEntry.Outcome;
import com.nextpanel.billing.platform.RequestIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.security.enterprise.SecurityContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Records who did what to which target, and how it ended. Written in its own transaction so
 * that refusals are recorded too; never given a secret or a password.
 */
@ApplicationScoped
@Transactional(TxType.REQUIRES_NEW)
public class AuditLog {

    static final String SYSTEM = "system";

    @PersistenceContext
    EntityManager em;

    @Inject
    SecurityContext security;

    @Inject
    Clock clock;

    public void record(String action, String targetType, Object targetId, Outcome outcome, String detail) {
        em.persist(new AuditEntry(clock.instant(), actor(), action, targetType,
                targetId == null ? null : targetId.toString(), outcome, detail, RequestIds.current()));
    }

    /** Like {@link #record}, but inside the caller's transaction: the line stands or falls with the change. */
    @Transactional(TxType.REQUIRED)
    public void append(String action, String targetType, Object targetId, Outcome outcome, String detail) {
        record(action, targetType, targetId, outcome, detail);
    }

    public void success(String action, String targetType, Object targetId, String detail) {
        record(action, targetType, targetId, Outcome.SUCCESS, detail);
    }

    /** The operator behind the current request, or "system" for timers and workers. */
    public String actor() {
        try {
            Principal caller = security.getCallerPrincipal();
            return caller == null ? SYSTEM : caller.getName();
        } catch (RuntimeException outsideARequest) {
            return SYSTEM;
        }
    }

    /** Filters of the audit search; null means "any". */
    public record Filter(String actor, String action, String targetType, String targetId, Outcome outcome,
            Instant from, Instant to) {
    }

    public List<AuditEntry> search(Filter filter, int offset, int limit) {
        return query(filter, AuditEntry.class, "SELECT a FROM AuditEntry a", " ORDER BY a.at DESC, a.id DESC")
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    public long count(Filter filter) {
        return query(filter, Long.class, "SELECT COUNT(a) FROM AuditEntry a", "").getSingleResult();
    }

    private <T> TypedQuery<T> query(Filter filter, Class<T> type, String select, String order) {
        StringJoiner where = new StringJoiner(" AND ", " WHERE ", "").setEmptyValue("");
        List<Object[]> params = new ArrayList<>();
        condition(where, params, "a.actor = :actor", "actor", filter.actor());
        condition(where, params, "a.action = :action", "action", filter.action());
        condition(where, params, "a.targetType = :targetType", "targetType", filter.targetType());
        condition(where, params, "a.targetId = :targetId", "targetId", filter.targetId());
        condition(where, params, "a.outcome = :outcome", "outcome", filter.outcome());
        condition(where, params, "a.at >= :from", "from", filter.from());
        condition(where, params, "a.at < :to", "to", filter.to());
        TypedQuery<T> query = em.createQuery(select + where + order, type);
        params.forEach(p -> query.setParameter((String) p[0], p[1]));
        return query;
    }

    private static void condition(StringJoiner where, List<Object[]> params, String clause, String name, Object value) {
        if (value != null) {
            where.add(clause);
            params.add(new Object[] {name, value});
        }
    }
}
