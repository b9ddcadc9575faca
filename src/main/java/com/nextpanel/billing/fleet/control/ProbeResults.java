package com.nextpanel.billing.fleet.control;

import com.nextpanel.billing.alert.control.Alerts;
import com.nextpanel.billing.alert.entity.Alert;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.logging.Logger;

/**
 * Health probe bookkeeping in atomic SQL: several app nodes probe at once, so claims and
 * counters are settled by PostgreSQL, not by whoever wrote last.
 */
@ApplicationScoped
@Transactional
public class ProbeResults {

    private static final Logger LOG = Logger.getLogger(ProbeResults.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    Alerts alerts;

    /** Claims the active servers whose probe is due; another node's claim makes them not due. */
    @SuppressWarnings("unchecked")
    public List<Long> claimDue(Instant now, Duration interval) {
        List<Number> ids = em.createNativeQuery("UPDATE panel_server SET next_probe_at = ?1"
                        + " WHERE removed_at IS NULL AND is_active AND next_probe_at <= ?2 RETURNING id")
                .setParameter(1, at(now.plus(interval)))
                .setParameter(2, at(now))
                .getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    /**
     * A probe that started at {@code probedAt} answered. Like {@link #failure}, it is recorded only
     * if no probe that started later has been recorded already: a slow answer never overwrites a
     * newer one (a success from before a panel hung must not hide the failures since).
     */
    public void success(long serverId, int latencyMs, Instant probedAt, int offlineAfter) {
        int failuresBefore = lockFailures(serverId);
        int recorded = em.createNativeQuery("UPDATE panel_server SET is_online = true, consecutive_failures = 0,"
                        + " last_checked_at = ?1, latency_ms = ?2, last_error = NULL"
                        + " WHERE id = ?3 AND (last_checked_at IS NULL OR last_checked_at <= ?1)")
                .setParameter(1, at(probedAt))
                .setParameter(2, latencyMs)
                .setParameter(3, serverId)
                .executeUpdate();
        if (recorded == 1 && failuresBefore >= offlineAfter) {
            LOG.info(() -> "Server " + serverId + " is online again (" + latencyMs + " ms)");
            alerts.clear(Alert.Kind.SERVER_OFFLINE, "server", serverId);
        }
    }

    /**
     * One more failure. The server stops being online at once (no new accounts until a probe
     * succeeds); the offline alert waits for {@code offlineAfter} failures in a row, against flapping.
     */
    public void failure(long serverId, String error, Instant probedAt, int offlineAfter) {
        int failuresBefore = lockFailures(serverId);
        int recorded = em.createNativeQuery("UPDATE panel_server SET consecutive_failures = consecutive_failures + 1,"
                        + " is_online = false, last_checked_at = ?1, latency_ms = NULL, last_error = ?2"
                        + " WHERE id = ?3 AND (last_checked_at IS NULL OR last_checked_at <= ?1)")
                .setParameter(1, at(probedAt))
                .setParameter(2, error.length() > 1000 ? error.substring(0, 999) + "…" : error)
                .setParameter(3, serverId)
                .executeUpdate();
        if (recorded == 1 && failuresBefore + 1 == offlineAfter) {
            LOG.warning(() -> "Server " + serverId + " is OFFLINE after " + offlineAfter
                    + " failed health probes: " + error);
            alerts.raise(Alert.Kind.SERVER_OFFLINE, "server", serverId, "Server '" + nameOf(serverId) + "' is offline after "
                    + offlineAfter + " failed health probes: " + error);
        }
    }

    private String nameOf(long serverId) {
        return String.valueOf(em.createNativeQuery("SELECT name FROM panel_server WHERE id = ?1")
                .setParameter(1, serverId).getSingleResult());
    }

    /** Failed probes in a row so far; the row stays locked so that the next UPDATE's change is ours to report. */
    private int lockFailures(long serverId) {
        List<?> rows = em.createNativeQuery("SELECT consecutive_failures FROM panel_server WHERE id = ?1 FOR UPDATE")
                .setParameter(1, serverId)
                .getResultList();
        return rows.isEmpty() ? 0 : ((Number) rows.get(0)).intValue();
    }

    /** The PostgreSQL driver binds OffsetDateTime, not Instant. */
    static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
