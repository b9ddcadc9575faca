package com.nextpanel.billing.fleet.control;

import com.nextpanel.billing.fleet.entity.PanelServer;
import com.nextpanel.billing.panel.PanelClients;
import com.nextpanel.billing.panel.PanelException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Probes panels' health in parallel. Each probe is bounded by the probe timeout (the client's
 * connect and read timeouts), so a round takes one timeout however many servers hang.
 */
@ApplicationScoped
@ManagedExecutorDefinition(name = HealthProber.EXECUTOR, maxAsync = 64)
public class HealthProber {

    static final String EXECUTOR = "java:app/concurrent/panel-probes";
    private static final Logger LOG = Logger.getLogger(HealthProber.class.getName());
    /** Headroom over the probe timeout for recording the last results. */
    private static final long SLACK_MS = 300;

    @Resource(lookup = EXECUTOR)
    ManagedExecutorService executor;

    @Inject
    Fleet fleet;

    @Inject
    ProbeResults results;

    @Inject
    ServerCredentials credentials;

    @Inject
    PanelClients clients;

    @Inject
    FleetConfig config;

    @Inject
    Clock clock;

    /** The timer's round: the servers due now, claimed so that several nodes never probe one twice. */
    public int probeDue() {
        List<Long> due = results.claimDue(clock.instant(), config.probeInterval());
        probe(due.stream().map(fleet::find).flatMap(java.util.Optional::stream).toList());
        return due.size();
    }

    private ManualRefresh manualRefresh;

    @PostConstruct
    void init() {
        manualRefresh = new ManualRefresh(clock, config.manualRefreshGap());
    }

    /**
     * The operator's "refresh now": every server, answered within one probe timeout. Rate-limited
     * on this node (see {@link ManualRefresh}): a refresh during a round shares it, one soon after
     * answers what the last round recorded.
     */
    public void probeAll() {
        manualRefresh.run(() -> probe(fleet.all()), config.probeTimeout().plusMillis(SLACK_MS));
    }

    private void probe(Collection<PanelServer> servers) {
        if (servers.isEmpty()) {
            return;
        }
        // Whoever settles a server's probe first records it: the probe itself, or the deadline below.
        Map<PanelServer, AtomicBoolean> settled = new LinkedHashMap<>();
        servers.forEach(server -> settled.put(server, new AtomicBoolean()));
        CompletableFuture<?>[] probes = settled.entrySet().stream()
                .map(e -> CompletableFuture.runAsync(() -> probeOne(e.getKey(), e.getValue()), executor))
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(probes).get(config.probeTimeout().toMillis() + SLACK_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // A busy machine can make a probe outlive its own timeout: the answer must not wait for it.
            settled.forEach((server, done) -> {
                if (done.compareAndSet(false, true)) {
                    results.failure(server.id(), "No answer within the probe timeout of "
                            + config.probeTimeout().toMillis() + " ms", clock.instant(), config.offlineAfterFailures());
                }
            });
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "A health probe failed unexpectedly", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void probeOne(PanelServer server, AtomicBoolean settled) {
        Instant probedAt = clock.instant();
        long started = System.nanoTime();
        try {
            clients.of(credentials.endpointOf(server, config.probeTimeout())).health();
            if (settled.compareAndSet(false, true)) {
                results.success(server.id(), (int) ((System.nanoTime() - started) / 1_000_000), probedAt,
                        config.offlineAfterFailures());
            }
        } catch (PanelException e) {
            if (settled.compareAndSet(false, true)) {
                results.failure(server.id(), e.getMessage(), probedAt, config.offlineAfterFailures());
            }
        }
    }
}
