package com.nextpanel.billing.fleet.control;

import static com.nextpanel.billing.fleet.control.ProbeResults.at;

import com.nextpanel.billing.fleet.entity.PanelServer;
import com.nextpanel.billing.platform.Problem;
import com.nextpanel.billing.platform.TransactionMemo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Load balancing as the seed describes it: among active, online, not isolated servers with a free
 * slot, the one with the most free slots (then the lower utilization, then the lower id). The slot
 * is taken by a conditional UPDATE in the caller's transaction, so concurrent provisions on any
 * number of threads and nodes can never overfill a server.
 */
@ApplicationScoped
@Transactional
public class ServerSelector {

    /** Slots given back in this transaction but not yet written, by server id. */
    private static final Object DEFERRED_RELEASES = ServerSelector.class.getName() + ".deferredReleases";

    private static final String ELIGIBLE = "removed_at IS NULL AND is_active AND is_online"
            + " AND current_accounts < capacity AND (isolated_until IS NULL OR isolated_until <= ?1)";
    /** A plan's wishes come first (a matching location, then a matching tag), then the free slots. */
    private static final String PREFERENCE = "CASE WHEN location = CAST(?3 AS varchar) THEN 0 ELSE 1 END,"
            + " CASE WHEN EXISTS (SELECT 1 FROM panel_server_tag t WHERE t.server_id = panel_server.id"
            + " AND t.tag = CAST(?4 AS varchar)) THEN 0 ELSE 1 END";

    /** With the pause between them, about two seconds of contention before giving up. */
    private static final int ATTEMPTS = 400;

    @PersistenceContext
    EntityManager em;

    @Inject
    Fleet fleet;

    @Inject
    CapacityAlerts capacityAlerts;

    @Inject
    Clock clock;

    @Inject
    TransactionMemo memo;

    /**
     * Reserves a slot on the best server and answers where; 503 "Server not available" with the
     * reasons when none has one. The row stays locked until the caller's transaction ends: do
     * little after this.
     */
    public ReservedSlot reserveBest(String preferredLocation, String preferredTag) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            // SKIP LOCKED never waits, so a transaction holds at most the one row it updated: waiting
            // here would leave rows locked that we did not take, and deadlock concurrent reservations.
            Optional<ReservedSlot> reserved = reserve("(SELECT id FROM panel_server WHERE " + ELIGIBLE
                    + " ORDER BY " + PREFERENCE
                    + ", capacity - current_accounts DESC, CAST(current_accounts AS float8) / capacity, id"
                    + " LIMIT 1 FOR UPDATE SKIP LOCKED)", null, preferredLocation, preferredTag);
            if (reserved.isPresent()) {
                return reserved.get();
            }
            if (eligibleCount() == 0) {
                throw unavailable("no active, online server has a free slot" + fleetSummary());
            }
            pause(); // every candidate is being reserved by someone else right now
        }
        throw unavailable("every server with a free slot is busy; try again");
    }

    /** The operator's choice ("server_id"), held to the same rules. */
    public ReservedSlot reserveOn(long serverId) {
        PanelServer server = fleet.find(serverId).orElseThrow(() -> Problem.unprocessable("unknown-server",
                "Unknown server", "server_id " + serverId + " does not exist"));
        return reserve("?2", serverId, null, null).orElseThrow(() -> {
            em.refresh(server);
            return unavailable("server '" + server.name() + "' " + whyNot(server));
        });
    }

    /**
     * From now until {@link #releaseDeferred}, slots given back in this transaction are only
     * counted: a transaction that settles many jobs gives them back at its end, in server id
     * order, so two such transactions never deadlock on server rows and hold them only briefly
     * (a reservation skips a locked server).
     */
    public void deferReleases() {
        memo.of(DEFERRED_RELEASES);
    }

    /** Gives back the slots counted since {@link #deferReleases}, one statement per server, in id order. */
    public void releaseDeferred() {
        Map<Long, Integer> deferred = new TreeMap<>(memo.<Long, Integer>find(DEFERRED_RELEASES));
        memo.forget(DEFERRED_RELEASES);
        deferred.forEach(this::release);
    }

    /** Gives a slot back (creation refused for good, account terminated); counted only while deferred. */
    public void release(long serverId) {
        if (memo.holds(DEFERRED_RELEASES)) {
            memo.<Long, Integer>of(DEFERRED_RELEASES).merge(serverId, 1, Integer::sum);
        } else {
            release(serverId, 1);
        }
    }

    private void release(long serverId, int slots) {
        em.createNativeQuery("UPDATE panel_server SET current_accounts = GREATEST(current_accounts - ?2, 0)"
                        + " WHERE id = ?1")
                .setParameter(1, serverId).setParameter(2, slots).executeUpdate();
        capacityAlerts.check(serverId);
    }

    private Optional<ReservedSlot> reserve(String target, Long serverId, String location, String tag) {
        var query = em.createNativeQuery("UPDATE panel_server SET current_accounts = current_accounts + 1"
                        + " WHERE id = " + target + " AND " + ELIGIBLE
                        + " RETURNING id, name, base_url, current_accounts, capacity")
                .setParameter(1, at(clock.instant()));
        if (serverId != null) {
            query.setParameter(2, serverId);
        } else {
            query.setParameter(3, location).setParameter(4, tag);
        }
        return query.getResultList().stream().findFirst().map(found -> {
            Object[] row = (Object[]) found;
            return new ReservedSlot(((Number) row[0]).longValue(), (String) row[1], (String) row[2],
                    ((Number) row[3]).intValue(), ((Number) row[4]).intValue());
        });
    }

    private long eligibleCount() {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM panel_server WHERE " + ELIGIBLE)
                .setParameter(1, at(clock.instant())).getSingleResult()).longValue();
    }

    private String fleetSummary() {
        List<PanelServer> servers = fleet.all();
        if (servers.isEmpty()) {
            return ": no server is registered";
        }
        StringJoiner reasons = new StringJoiner(", ", " (", ")");
        servers.forEach(s -> reasons.add("'" + s.name() + "' " + whyNot(s)));
        return reasons.toString();
    }

    private String whyNot(PanelServer s) {
        if (!s.active()) {
            return "is inactive";
        }
        if (!s.online()) {
            return "is offline";
        }
        if (s.currentAccounts() >= s.capacity()) {
            return "is full (" + s.currentAccounts() + "/" + s.capacity() + ")";
        }
        if (isolated(s.id())) {
            return "is isolated after repeated failures";
        }
        return "was just taken by another request";
    }

    private boolean isolated(long serverId) {
        Object until = em.createNativeQuery("SELECT isolated_until > ?1 FROM panel_server WHERE id = ?2")
                .setParameter(1, at(clock.instant())).setParameter(2, serverId).getSingleResult();
        return Boolean.TRUE.equals(until);
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while waiting for a free slot");
        }
    }

    private static Problem unavailable(String why) {
        return Problem.unavailable("server-not-available", "Server not available", "Server not available: " + why);
    }
}
