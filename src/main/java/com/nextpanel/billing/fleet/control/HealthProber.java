package com.nextpanel.billing.fleet.control;

import com.nextpanel.billing.fleet.entity.PanelServer;
import com.nextpanel.billing.panel.PanelClients;
import com.nextpanel.billing.panel.PanelException;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Collection;
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

    /** The operator's "refresh now": every server, answered within one probe timeout. */
    public void probeAll() {
        probe(fleet.all());
    }

    private void probe(Collection<PanelServer> servers) {
        if (servers.isEmpty()) {
            return;
        }
        CompletableFuture<?>[] probes = servers.stream()
                .map(server -> CompletableFuture.runAsync(() -> probeOne(server), executor))
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(probes).get(config.probeTimeout().toMillis() + SLACK_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warning(() -> "Some health probes outlived the probe timeout; their results will come late");
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "A health probe failed unexpectedly", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void probeOne(PanelServer server) {
        long started = System.nanoTime();
        try {
            clients.of(credentials.endpointOf(server, config.probeTimeout())).health();
            results.success(server.id(), (int) ((System.nanoTime() - started) / 1_000_000), clock.instant());
        } catch (PanelException e) {
            results.failure(server.id(), e.getMessage(), clock.instant(), config.offlineAfterFailures());
        }
    }
}
