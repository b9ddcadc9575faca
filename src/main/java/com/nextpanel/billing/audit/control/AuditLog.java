package com.nextpanel.billing.audit.control;

import com.nextpanel.billing.audit.entity.AuditEntry;
import com.nextpanel.billing.audit.entity.AuditEntry.Outcome;
import com.nextpanel.billing.platform.OptionalFilters;
import com.nextpanel.billing.platform.Page;
import com.nextpanel.billing.platform.RequestIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Clock;
import java.time.Instant;

/**
 * Records who did what to which target, and how it ended. Written in its own transaction so
 * that refusals are recorded too; never given a secret or a password.
 */
@ApplicationScoped
@Transactional(TxType.REQUIRES_NEW)
public class AuditLog {

    /** The actor of the application's own work (timers, workers); no operator token may take the name. */
    public static final String SYSTEM = "system";
    /** The actor of a customer's own work in the store; no operator token may take a name that starts so. */
    public static final String CUSTOMER_PREFIX = "customer:";

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    public void record(String action, String targetType, Object targetId, Outcome outcome, String detail) {
        em.persist(new AuditEntry(clock.instant(), actor(), action, targetType,
                targetId == null ? null : targetId.toString(), outcome, detail, RequestIds.current(),
                RequestIds.callerTokenId()));
    }

    /** Like {@link #record}, but inside the caller's transaction: the line stands or falls with the change. */
    @Transactional(TxType.REQUIRED)
    public void append(String action, String targetType, Object targetId, Outcome outcome, String detail) {
        record(action, targetType, targetId, outcome, detail);
    }

    /** Like {@link #append}, for work a customer did on their own account (the store has no operator). */
    @Transactional(TxType.REQUIRED)
    public void appendByCustomer(long customerId, String action, String targetType, Object targetId, String detail) {
        em.persist(new AuditEntry(clock.instant(), customer(customerId), action, targetType,
                targetId == null ? null : targetId.toString(), Outcome.SUCCESS, detail, RequestIds.current(), null));
    }

    /** How the audit log names a customer acting in the store: "customer:&lt;id&gt;". */
    public static String customer(long customerId) {
        return CUSTOMER_PREFIX + customerId;
    }

    public void success(String action, String targetType, Object targetId, String detail) {
        record(action, targetType, targetId, Outcome.SUCCESS, detail);
    }

    /** The operator behind the current request, or "system" for timers and workers. */
    @Transactional(TxType.SUPPORTS) // reads no row: no transaction of its own
    public String actor() {
        // Not SecurityContext.getCallerPrincipal(): outside a request it probes for other servers'
        // classes and JNDI names on every call, 10 % of the CPU of the overdue sweep.
        String caller = RequestIds.caller();
        return caller == null ? SYSTEM : caller;
    }

    /** Filters of the audit search; null means "any". */
    public record Filter(String actor, String action, String targetType, String targetId, Outcome outcome,
            Instant from, Instant to) {
    }

    public Page<AuditEntry> search(Filter filter, Page.Request request) {
        return where(filter).page(em, "AuditEntry a", AuditEntry.class, request, "a.at", "a.id");
    }

    private static OptionalFilters where(Filter filter) {
        return new OptionalFilters()
                .and("a.actor = :actor", "actor", filter.actor())
                .and("a.action = :action", "action", filter.action())
                .and("a.targetType = :targetType", "targetType", filter.targetType())
                .and("a.targetId = :targetId", "targetId", filter.targetId())
                .and("a.outcome = :outcome", "outcome", filter.outcome())
                .and("a.at >= :from", "from", filter.from())
                .and("a.at < :to", "to", filter.to());
    }
}
