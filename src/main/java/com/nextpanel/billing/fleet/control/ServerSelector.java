package com.nextpanel.billing.fleet.control;

import static com.nextpanel.billing.fleet.control.ProbeResults.at;

import com.nextpanel.billing.fleet.entity.PanelServer;
import com.nextpanel.billing.fleet.entity.ServerHealth;
import com.nextpanel.billing.platform.ErrorCode;
import com.nextpanel.billing.platform.Refusal;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * Load balancing as the integration guide describes it: among active, online (the latest probe
 * passed: a failing server waits for a success), not isolated servers with a free slot, those
 * that best meet the plan's wishes (its location, then its tag), and of them the one with the most
 * free slots (then the lower utilization, then the lower id). The slot is taken by
 * a conditional UPDATE in the caller's transaction, so concurrent provisions on any number of
 * threads and nodes can never overfill a server.
 */
@Stateless // load balancing, as the product asks: its reservations join the caller's transaction or start one
public class ServerSelector {

    private static final String ELIGIBLE = "removed_at IS NULL AND is_active AND is_online"
            + " AND current_accounts < capacity AND (isolated_until IS NULL OR isolated_until <= ?1)";
    /** How well a server meets a plan's wishes, 0 best: a matching location counts more than a matching tag. */
    private static final String MISFIT = "(CASE WHEN location = CAST(?3 AS varchar) THEN 0 ELSE 2 END"
            + " + CASE WHEN EXISTS (SELECT 1 FROM panel_server_tag t WHERE t.server_id = panel_server.id"
            + " AND t.tag = CAST(?4 AS varchar)) THEN 0 ELSE 1 END)";

    /**
     * The eligible server with the most free slots among those that meet the plan's wishes best,
     * skipping one that another transaction holds right now (a reservation, a probe's result).
     * Only those that meet the wishes best: when all of them are held, none is answered and the
     * caller tries again, rather than place the account where the plan did not ask.
     */
    private static final String BEST = "(SELECT id FROM panel_server WHERE " + ELIGIBLE + " AND " + MISFIT
            + " = (SELECT min" + MISFIT + " FROM panel_server WHERE " + ELIGIBLE + ")"
            + " ORDER BY capacity - current_accounts DESC, CAST(current_accounts AS float8) / capacity, id"
            + " LIMIT 1 FOR UPDATE SKIP LOCKED)";
    /** What a reservation answers: the {@link ReservedSlot}, in its order. */
    private static final String SLOT_COLUMNS = "id, name, base_url, current_accounts, capacity";
    /** Takes a slot on the target server if it is still eligible: ?1 now, ?2 a chosen server, ?3 ?4 the wishes. */
    private static final String RESERVE = "UPDATE panel_server SET current_accounts = current_accounts + 1"
            + " WHERE id = %s AND " + ELIGIBLE + " RETURNING " + SLOT_COLUMNS;
    private static final String RESERVE_BEST = RESERVE.formatted(BEST);
    private static final String RESERVE_ON = RESERVE.formatted("?2");

    /**
     * With the pause between them, about ten seconds of contention before giving up: a cold node
     * under a burst of 48 provisions starved some for over 2 s (35 of 3,000 refused in P2's warm-up).
     */
    private static final int ATTEMPTS = 2_000;

    @PersistenceContext
    EntityManager em;

    @Inject
    Fleet fleet;

    @Inject
    CapacityAlerts capacityAlerts;

    @Inject
    FleetConfig config;

    @Inject
    Clock clock;

    /**
     * Reserves a slot on the best server, in the caller's transaction, and answers where; 503
     * "Server not available" with the reasons when none has one. The row stays locked until the
     * caller's transaction ends: do little after this.
     */
    public ReservedSlot reserveBest(String preferredLocation, String preferredTag) {
        return best(() -> reserve(RESERVE_BEST, null, preferredLocation, preferredTag));
    }

    /**
     * Reserves a slot on the operator's choice ({@code serverId}, the provision body's
     * "server_id"), held to the same rules as {@link #reserveBest}, in the caller's transaction.
     */
    public ReservedSlot reserveOn(long serverId) {
        return on(serverId, () -> reserve(RESERVE_ON, serverId, null, null));
    }

    private ReservedSlot best(Supplier<Optional<ReservedSlot>> attempt) {
        for (int i = 0; i < ATTEMPTS; i++) {
            // SKIP LOCKED never waits, so a transaction holds at most the one row it updated: waiting
            // here would leave rows locked that we did not take, and deadlock concurrent reservations.
            Optional<ReservedSlot> reserved = attempt.get();
            if (reserved.isPresent()) {
                return reserved.get();
            }
            if (eligibleCount() == 0) {
                throw unavailable("no active, online server has a free slot" + fleetSummary());
            }
            pause(); // every best candidate is held by someone else right now
        }
        throw unavailable("every server with a free slot is busy; try again");
    }

    private ReservedSlot on(long serverId, Supplier<Optional<ReservedSlot>> attempt) {
        return attempt.get().orElseThrow(() -> {
            PanelServer server = fleet.find(serverId).orElseThrow(() -> new Refusal(ErrorCode.UNKNOWN_SERVER,
                    "server_id " + serverId + " does not exist"));
            return unavailable("server '" + server.name() + "' " + whyNot(server));
        });
    }

    /** Gives a slot back (creation refused for good, account terminated). */
    public void release(long serverId) {
        em.createNativeQuery("UPDATE panel_server SET current_accounts = GREATEST(current_accounts - 1, 0) WHERE id = ?1")
                .setParameter(1, serverId).executeUpdate();
        capacityAlerts.check(serverId);
    }

    private Optional<ReservedSlot> reserve(String statement, Long serverId, String location, String tag) {
        return em.createNativeQuery(statement).setParameter(1, at(clock.instant()))
                .setParameter(2, serverId).setParameter(3, location).setParameter(4, tag)
                .getResultList().stream().findFirst().map(found -> {
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
        ServerHealth health = s.health(config.offlineAfterFailures());
        if (health == ServerHealth.FAILING) {
            return "is failing its health probes (" + s.consecutiveFailures() + " in a row)";
        }
        if (health == ServerHealth.OFFLINE) {
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

    private static Refusal unavailable(String why) {
        return new Refusal(ErrorCode.SERVER_NOT_AVAILABLE, "Server not available: " + why);
    }
}
