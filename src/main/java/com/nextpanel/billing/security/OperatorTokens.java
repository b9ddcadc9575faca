package com.nextpanel.billing.security;

import com.nextpanel.billing.audit.control.AuditLog;
import com.nextpanel.billing.platform.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;

/** Operators' API tokens: made (shown once), listed (never shown), revoked (refused at once). */
@ApplicationScoped
@Transactional
public class OperatorTokens {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    /** A token just made: the only moment its value exists outside the operator's hands. */
    public record Issued(OperatorToken token, String value) {
        @Override
        public String toString() {
            return "Issued[" + token.name() + "]";
        }
    }

    public Issued issue(String name, String role) {
        if (TokenIdentityStore.BOOTSTRAP_CALLER.equalsIgnoreCase(name)) {
            throw Refusal.conflict("'" + name + "' is the bootstrap admin's name; choose another");
        }
        if (AuditLog.SYSTEM.equalsIgnoreCase(name)) {
            // a token of that name would pass for the application in the audit log
            throw Refusal.conflict("'" + name + "' is the name the audit log gives the application's own work"
                    + " (timers, workers); choose another");
        }
        if (name.regionMatches(true, 0, AuditLog.CUSTOMER_PREFIX, 0, AuditLog.CUSTOMER_PREFIX.length())) {
            // such a token would pass for a customer in the audit log
            throw Refusal.conflict("Names starting with '" + AuditLog.CUSTOMER_PREFIX + "' are how the audit log names"
                    + " customers; choose another");
        }
        boolean taken = !em.createQuery("SELECT t.id FROM OperatorToken t WHERE LOWER(t.name) = LOWER(:name)"
                        + " AND t.revokedAt IS NULL", Long.class)
                .setParameter("name", name).getResultList().isEmpty();
        if (taken) {
            throw Refusal.conflict("An operator token named '" + name + "' exists; revoke it first");
        }
        String value = TokenHash.newToken();
        OperatorToken token = new OperatorToken(name, role, TokenHash.of(value), clock.instant());
        em.persist(token);
        em.flush();
        return new Issued(token, value);
    }

    public java.util.Optional<OperatorToken> findActive(String tokenHash) {
        return em.createNamedQuery("OperatorToken.byHash", OperatorToken.class)
                .setParameter("hash", tokenHash).getResultStream().findFirst();
    }

    /** Writing last_used_at on every call would turn each read into a write: callers keep it coarse. */
    public void markUsed(long id, java.time.Instant at) {
        OperatorToken token = em.find(OperatorToken.class, id);
        if (token != null) {
            token.usedAt(at);
        }
    }

    public List<OperatorToken> all() {
        return em.createQuery("SELECT t FROM OperatorToken t ORDER BY t.id", OperatorToken.class).getResultList();
    }

    public OperatorToken revoke(long id) {
        OperatorToken token = em.find(OperatorToken.class, id);
        if (token == null) {
            throw Refusal.notFound("Operator token", id);
        }
        token.revoke(clock.instant());
        return token;
    }
}
