package com.nextpanel.billing.fleet.control;

import com.nextpanel.billing.panel.PanelException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * What every node must agree on before calling a panel, kept in PostgreSQL ({@link
 * PanelGateRecords}): the hourly call budget (rate_limit_per_hour), a 429's Retry-After, and
 * isolation after repeated failures — a per-server circuit breaker whose half-open trial is
 * handed to exactly one caller.
 *
 * <p>So that a healthy panel does not cost a database write per call, each node keeps a view of
 * each panel: it takes the budget in blocks (up to 1 % of the hourly limit, at most
 * {@value #MAX_BLOCK} calls) and trusts a clean state (no failures, not isolated, not rate
 * limited) for panel.gate.refresh-ms. Its own failures, 429s and trials update the view at once;
 * another node's are seen within that time. A panel with trouble is read before every call.
 */
@ApplicationScoped
public class PanelGate {

    private static final Logger LOG = Logger.getLogger(PanelGate.class.getName());
    static final int MAX_BLOCK = 50;

    @Inject
    PanelGateRecords records;

    @Inject
    FleetConfig config;

    @Inject
    Clock clock;

    private final Map<Long, View> views = new ConcurrentHashMap<>();

    /**
     * A call let through. {@code clean}: the panel had no failures counted and was not isolated,
     * so a success need not be written back. {@code credentialsVersion}: tells a caller whether
     * its cached endpoint (address and credentials) is still the server's.
     */
    public record Admission(boolean clean, long credentialsVersion) {
    }

    /** This node's copy of one panel's shared state and its unspent block of the budget. */
    private static final class View {
        PanelGateRecords.SharedState shared;
        long readAtNanos;
        Instant budgetWindow;
        int budgetLeft;

        boolean clean(Instant now) {
            return shared.failures() == 0 && shared.isolatedUntil() == null
                    && (shared.rateLimitedUntil() == null || !shared.rateLimitedUntil().isAfter(now));
        }
    }

    /** Lets one call through, or says why not and until when (a transient PanelException). */
    public Admission admit(long serverId) {
        View view = views.computeIfAbsent(serverId, id -> new View());
        synchronized (view) {
            Instant now = clock.instant();
            if (view.shared == null || !view.clean(now)
                    || System.nanoTime() - view.readAtNanos > config.gateRefresh().toNanos()) {
                remember(view, records.read(serverId));
            }
            PanelGateRecords.SharedState shared = view.shared;
            if (shared.rateLimitedUntil() != null && shared.rateLimitedUntil().isAfter(now)) {
                throw refused(PanelException.Kind.RATE_LIMITED, "the panel asked us to wait until "
                        + shared.rateLimitedUntil(), shared.rateLimitedUntil(), now);
            }
            if (shared.isolatedUntil() != null && shared.isolatedUntil().isAfter(now)) {
                throw refused(PanelException.Kind.ISOLATED, "next trial call at " + shared.isolatedUntil(),
                        shared.isolatedUntil(), now);
            }
            if (shared.failures() >= config.isolateAfterFailures()) {
                Instant nextTrial = now.plus(config.isolation());
                if (!records.takeTrial(serverId, now, nextTrial)) {
                    throw refused(PanelException.Kind.ISOLATED, "another caller is making the trial call", nextTrial, now);
                }
            }
            spendBudget(view, serverId, now);
            return new Admission(shared.failures() == 0 && shared.isolatedUntil() == null, shared.credentialsVersion());
        }
    }

    /** A call went through: the panel is well. Writes only when there was something to forget. */
    public void succeeded(long serverId) {
        records.succeeded(serverId);
        forget(serverId);
    }

    /** A call failed in a way that says the panel is unwell; enough of them in a row isolate it. */
    public void failed(long serverId, String error) {
        PanelGateRecords.SharedState after = records.failed(serverId, config.isolateAfterFailures(),
                clock.instant().plus(config.isolation()));
        View view = views.computeIfAbsent(serverId, id -> new View());
        synchronized (view) {
            remember(view, after);
        }
        if (after.failures() == config.isolateAfterFailures()) {
            LOG.warning(() -> "Server " + serverId + " ISOLATED for " + config.isolation().toSeconds()
                    + " s after " + config.isolateAfterFailures() + " failed calls: " + error);
        }
    }

    /** The panel answered 429: nobody calls it before Retry-After has passed. */
    public void rateLimited(long serverId, Duration retryAfter) {
        records.rateLimited(serverId, clock.instant().plus(retryAfter));
        forget(serverId);
    }

    /** Drops this node's view of a server (its limit, credentials or state changed): the next call reads it. */
    public void forget(long serverId) {
        View view = views.get(serverId);
        if (view != null) {
            synchronized (view) {
                view.shared = null;
                view.budgetLeft = 0;
            }
        }
    }

    private static void remember(View view, PanelGateRecords.SharedState shared) {
        view.shared = shared;
        view.readAtNanos = System.nanoTime();
    }

    /** One call of this hour's budget, from this node's block; a new block when it is used up. */
    private void spendBudget(View view, long serverId, Instant now) {
        Instant window = now.truncatedTo(ChronoUnit.HOURS);
        if (!window.equals(view.budgetWindow)) {
            view.budgetWindow = window;
            view.budgetLeft = 0;
        }
        if (view.budgetLeft == 0) {
            int limit = view.shared.ratePerHour();
            view.budgetLeft = records.spend(serverId, window, Math.max(1, Math.min(MAX_BLOCK, limit / 100)));
            if (view.budgetLeft == 0) {
                Instant next = window.plus(Duration.ofHours(1));
                throw refused(PanelException.Kind.RATE_LIMITED,
                        "our budget of " + limit + " calls this hour is spent; next window at " + next, next, now);
            }
        }
        view.budgetLeft--;
    }

    private static PanelException refused(PanelException.Kind kind, String why, Instant until, Instant now) {
        Duration wait = Duration.between(now, until);
        return new PanelException(kind, 0, why, wait.isNegative() ? Duration.ZERO : wait, null);
    }
}
