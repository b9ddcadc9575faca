package com.nextpanel.billing.fleet.control;

import static com.nextpanel.billing.fleet.control.ProbeResults.at;

import com.nextpanel.billing.panel.PanelException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.logging.Logger;

/**
 * What every node must agree on before calling a panel, kept in PostgreSQL: the hourly call budget
 * (rate_limit_per_hour), a 429's Retry-After, and isolation after repeated failures — a
 * per-server circuit breaker whose half-open trial is handed to exactly one caller.
 */
@ApplicationScoped
@Transactional
public class PanelGate {

    private static final Logger LOG = Logger.getLogger(PanelGate.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    FleetConfig config;

    @Inject
    Clock clock;

    /**
     * A call let through. {@code clean}: the panel had no failures counted and was not isolated,
     * so a success need not be written back. {@code credentialsVersion}: tells a caller whether
     * its cached endpoint (address and credentials) is still the server's.
     */
    public record Admission(boolean clean, long credentialsVersion) {
    }

    /** Lets one call through, or says why not and until when (a transient PanelException). */
    public Admission admit(long serverId) {
        Instant now = clock.instant();
        // The budget counter and the trial claim need no durability of their own: a few calls
        // forgotten in a crash are harmless, and a commit that does not wait for the disk holds
        // the budget row's lock for far less time under concurrent calls.
        em.createNativeQuery("SET LOCAL synchronous_commit TO OFF").executeUpdate();
        Object[] row = (Object[]) em.createNativeQuery("SELECT rate_limited_until, isolated_until, call_failures,"
                        + " rate_limit_per_hour, credentials_version FROM panel_server WHERE id = ?1")
                .setParameter(1, serverId).getSingleResult();
        Instant rateLimitedUntil = instant(row[0]);
        Instant isolatedUntil = instant(row[1]);
        int failures = ((Number) row[2]).intValue();
        int limit = ((Number) row[3]).intValue();
        long credentialsVersion = ((Number) row[4]).longValue();
        if (rateLimitedUntil != null && rateLimitedUntil.isAfter(now)) {
            throw refused(PanelException.Kind.RATE_LIMITED, "the panel asked us to wait until " + rateLimitedUntil,
                    rateLimitedUntil, now);
        }
        if (isolatedUntil != null && isolatedUntil.isAfter(now)) {
            throw refused(PanelException.Kind.ISOLATED, "next trial call at " + isolatedUntil, isolatedUntil, now);
        }
        if (failures >= config.isolateAfterFailures() && !takeTrial(serverId, now)) {
            throw refused(PanelException.Kind.ISOLATED, "another caller is making the trial call",
                    now.plus(config.isolation()), now);
        }
        spendBudget(serverId, limit, now);
        return new Admission(failures == 0 && isolatedUntil == null, credentialsVersion);
    }

    /** A call went through: the panel is well. Writes only when there was something to forget. */
    public void succeeded(long serverId) {
        em.createNativeQuery("UPDATE panel_server SET call_failures = 0, isolated_until = NULL"
                        + " WHERE id = ?1 AND (call_failures <> 0 OR isolated_until IS NOT NULL)")
                .setParameter(1, serverId).executeUpdate();
    }

    /** A call failed in a way that says the panel is unwell; enough of them in a row isolate it. */
    public void failed(long serverId, String error) {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Number> failures = em.createNativeQuery("UPDATE panel_server SET call_failures = call_failures + 1,"
                        + " isolated_until = CASE WHEN call_failures + 1 >= ?1 THEN ?2 ELSE isolated_until END"
                        + " WHERE id = ?3 RETURNING call_failures")
                .setParameter(1, config.isolateAfterFailures())
                .setParameter(2, at(now.plus(config.isolation())))
                .setParameter(3, serverId)
                .getResultList();
        if (!failures.isEmpty() && failures.get(0).intValue() == config.isolateAfterFailures()) {
            LOG.warning(() -> "Server " + serverId + " ISOLATED for " + config.isolation().toSeconds()
                    + " s after " + config.isolateAfterFailures() + " failed calls: " + error);
        }
    }

    /** The panel answered 429: nobody calls it before Retry-After has passed. */
    public void rateLimited(long serverId, Duration retryAfter) {
        em.createNativeQuery("UPDATE panel_server SET rate_limited_until ="
                        + " GREATEST(COALESCE(rate_limited_until, '-infinity'), ?1) WHERE id = ?2")
                .setParameter(1, at(clock.instant().plus(retryAfter)))
                .setParameter(2, serverId).executeUpdate();
    }

    /** Half-open: the first caller past isolated_until pushes it forward and gets to try. */
    private boolean takeTrial(long serverId, Instant now) {
        return em.createNativeQuery("UPDATE panel_server SET isolated_until = ?1"
                        + " WHERE id = ?2 AND (isolated_until IS NULL OR isolated_until <= ?3)")
                .setParameter(1, at(now.plus(config.isolation())))
                .setParameter(2, serverId)
                .setParameter(3, at(now))
                .executeUpdate() == 1;
    }

    /** One call of this hour's budget; none left means wait for the next hour. */
    private void spendBudget(long serverId, int limit, Instant now) {
        Instant window = now.truncatedTo(ChronoUnit.HOURS);
        List<?> spent = em.createNativeQuery("INSERT INTO panel_call_budget (server_id, window_start, used)"
                        + " VALUES (?1, ?2, 1) ON CONFLICT (server_id, window_start)"
                        + " DO UPDATE SET used = panel_call_budget.used + 1 WHERE panel_call_budget.used < ?3"
                        + " RETURNING used")
                .setParameter(1, serverId)
                .setParameter(2, at(window))
                .setParameter(3, limit)
                .getResultList();
        if (spent.isEmpty()) {
            Instant next = window.plus(Duration.ofHours(1));
            throw refused(PanelException.Kind.RATE_LIMITED,
                    "our budget of " + limit + " calls this hour is spent; next window at " + next, next, now);
        }
    }

    /** Forgets budget windows older than a day. */
    public void forgetOldBudgets() {
        em.createNativeQuery("DELETE FROM panel_call_budget WHERE window_start < ?1")
                .setParameter(1, at(clock.instant().minus(Duration.ofDays(1)))).executeUpdate();
    }

    private static PanelException refused(PanelException.Kind kind, String why, Instant until, Instant now) {
        Duration wait = Duration.between(now, until);
        return new PanelException(kind, 0, why, wait.isNegative() ? Duration.ZERO : wait, null);
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
