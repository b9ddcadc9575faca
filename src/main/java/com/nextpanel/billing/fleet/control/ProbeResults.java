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
    public void success(long serverId, int latencyMs, Instant probedAt) {
        boolean wasOnline = wasOnline(serverId);
        int recorded = em.createNativeQuery("UPDATE panel_server SET is_online = true, consecutive_failures = 0,"
                        + " last_checked_at = ?1, latency_ms = ?2, last_error = NULL"
                        + " WHERE id = ?3 AND (last_checked_at IS NULL OR last_checked_at <= ?1)")
                .setParameter(1, at(probedAt))
                .setParameter(2, latencyMs)
                .setParameter(3, serverId)
                .executeUpdate();
        if (recorded == 1 && !wasOnline) {
            LOG.info(() -> "Server " + serverId + " is online (" + latencyMs + " ms)");
            alerts.clear(Alert.Kind.SERVER_OFFLINE, "server", serverId);
        }
    }

    /** One more failure; the server goes offline once it has failed {@code offlineAfter} times in a row. */
    public void failure(long serverId, String error, Instant probedAt, int offlineAfter) {
        boolean wasOnline = wasOnline(serverId);
        em.createNativeQuery("UPDATE panel_server SET consecutive_failures = consecutive_failures + 1,"
                        + " is_online = CASE WHEN consecutive_failures + 1 >= ?1 THEN false ELSE is_online END,"
                        + " last_checked_at = ?2, latency_ms = NULL, last_error = ?3"
                        + " WHERE id = ?4 AND (last_checked_at IS NULL OR last_checked_at <= ?2)")
                .setParameter(1, offlineAfter)
                .setParameter(2, at(probedAt))
                .setParameter(3, error.length() > 1000 ? error.substring(0, 999) + "…" : error)
                .setParameter(4, serverId)
                .executeUpdate();
        if (wasOnline && !wasOnline(serverId)) {
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

    private boolean wasOnline(long serverId) {
        List<?> rows = em.createNativeQuery("SELECT is_online FROM panel_server WHERE id = ?1 FOR UPDATE")
                .setParameter(1, serverId)
                .getResultList();
        return !rows.isEmpty() && Boolean.TRUE.equals(rows.get(0));
    }

    /** The PostgreSQL driver binds OffsetDateTime, not Instant. */
    static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
