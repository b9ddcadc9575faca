package com.nextpanel.billing.fleet.control;

import static com.nextpanel.billing.fleet.control.ProbeResults.at;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The rows behind {@link PanelGate}, each change a short transaction of its own: a panel's
 * shared call state on panel_server and its hourly budget in panel_call_budget.
 */
@ApplicationScoped
@Transactional
public class PanelGateRecords {

    @PersistenceContext
    EntityManager em;

    /** What every node must respect before calling a panel, as PostgreSQL has it now. */
    public record SharedState(Instant rateLimitedUntil, Instant isolatedUntil, int failures, int ratePerHour,
            long credentialsVersion) {
    }

    private static final String SHARED_STATE = "rate_limited_until, isolated_until, call_failures,"
            + " rate_limit_per_hour, credentials_version";

    public SharedState read(long serverId) {
        return sharedState(em.createNativeQuery("SELECT " + SHARED_STATE + " FROM panel_server WHERE id = ?1")
                .setParameter(1, serverId).getSingleResult());
    }

    /**
     * Takes {@code calls} of this hour's budget if they are all left, else one; answers how many
     * were taken (0: the budget is spent). The server's limit is read here, not from a node's copy.
     */
    public int spend(long serverId, Instant window, int calls) {
        // A few calls forgotten in a crash are harmless; a commit that does not wait for the disk
        // holds the budget row's lock for far less time under concurrent calls.
        em.createNativeQuery("SET LOCAL synchronous_commit TO OFF").executeUpdate();
        if (calls > 1 && take(serverId, window, calls)) {
            return calls;
        }
        return take(serverId, window, 1) ? 1 : 0;
    }

    private boolean take(long serverId, Instant window, int calls) {
        // Past hours are dropped on the way, so the table holds one row per server, not one per hour forever.
        return !em.createNativeQuery("WITH past AS (DELETE FROM panel_call_budget WHERE server_id = ?1 AND window_start < ?2)"
                        + " INSERT INTO panel_call_budget AS b (server_id, window_start, used)"
                        + " SELECT id, ?2, ?3 FROM panel_server WHERE id = ?1 AND rate_limit_per_hour >= ?3"
                        + " ON CONFLICT (server_id, window_start) DO UPDATE SET used = b.used + ?3"
                        + " WHERE b.used + ?3 <= (SELECT rate_limit_per_hour FROM panel_server WHERE id = ?1)"
                        + " RETURNING used")
                .setParameter(1, serverId)
                .setParameter(2, at(window))
                .setParameter(3, calls)
                .getResultList().isEmpty();
    }

    /** Half-open: the first caller past isolated_until pushes it forward and gets to try. */
    public boolean takeTrial(long serverId, Instant now, Instant nextTrial) {
        em.createNativeQuery("SET LOCAL synchronous_commit TO OFF").executeUpdate();
        return em.createNativeQuery("UPDATE panel_server SET isolated_until = ?1"
                        + " WHERE id = ?2 AND (isolated_until IS NULL OR isolated_until <= ?3)")
                .setParameter(1, at(nextTrial))
                .setParameter(2, serverId)
                .setParameter(3, at(now))
                .executeUpdate() == 1;
    }

    /** A call went through: the panel is well. */
    public void succeeded(long serverId) {
        em.createNativeQuery("UPDATE panel_server SET call_failures = 0, isolated_until = NULL"
                        + " WHERE id = ?1 AND (call_failures <> 0 OR isolated_until IS NOT NULL)")
                .setParameter(1, serverId).executeUpdate();
    }

    /** Counts a failed call; enough in a row isolate the panel until {@code isolateUntil}. Answers the state after. */
    public SharedState failed(long serverId, int isolateAfter, Instant isolateUntil) {
        return sharedState(em.createNativeQuery("UPDATE panel_server SET call_failures = call_failures + 1,"
                        + " isolated_until = CASE WHEN call_failures + 1 >= ?1 THEN ?2 ELSE isolated_until END"
                        + " WHERE id = ?3 RETURNING " + SHARED_STATE)
                .setParameter(1, isolateAfter)
                .setParameter(2, at(isolateUntil))
                .setParameter(3, serverId).getSingleResult());
    }

    /** The panel answered 429: nobody calls it before Retry-After has passed. */
    public void rateLimited(long serverId, Instant until) {
        em.createNativeQuery("UPDATE panel_server SET rate_limited_until ="
                        + " GREATEST(COALESCE(rate_limited_until, '-infinity'), ?1) WHERE id = ?2")
                .setParameter(1, at(until))
                .setParameter(2, serverId).executeUpdate();
    }

    private static SharedState sharedState(Object result) {
        Object[] row = (Object[]) result;
        return new SharedState(instant(row[0]), instant(row[1]), ((Number) row[2]).intValue(),
                ((Number) row[3]).intValue(), ((Number) row[4]).longValue());
    }

    private static Instant instant(Object column) {
        if (column == null) {
            return null;
        }
        if (column instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (column instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        throw new IllegalStateException("Unexpected timestamp type " + column.getClass());
    }
}
