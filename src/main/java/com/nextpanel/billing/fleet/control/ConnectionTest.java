package com.nextpanel.billing.fleet.control;

import com.nextpanel.billing.panel.PanelClient;
import com.nextpanel.billing.panel.PanelClients;
import com.nextpanel.billing.panel.PanelCredentials;
import com.nextpanel.billing.panel.PanelEndpoint;
import com.nextpanel.billing.panel.PanelException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Tests a panel before it is trusted: its health answers, then an authenticated call proves the
 * key and secret. Makes panel calls, so it must never run inside a transaction.
 */
@ApplicationScoped
public class ConnectionTest {

    @Inject
    PanelClients clients;

    @Inject
    FleetConfig config;

    /** The outcome of a connection test. {@code detail} is for humans and never holds a secret. */
    public record Result(boolean success, boolean reachable, boolean authenticated, Integer latencyMs,
            String panelVersion, String detail) {
    }

    public Result run(String baseUrl, PanelCredentials credentials) {
        PanelClient client = clients.of(PanelEndpoint.unsaved(baseUrl, credentials, config.probeTimeout().multipliedBy(2)));
        long started = System.nanoTime();
        String version;
        int latencyMs;
        try {
            var health = client.health();
            latencyMs = (int) ((System.nanoTime() - started) / 1_000_000);
            version = health.getString("version", null);
        } catch (PanelException e) {
            return new Result(false, false, false, null, null, e.getMessage());
        }
        try {
            client.verifyCredentials();
        } catch (PanelException e) {
            return new Result(false, true, false, latencyMs, version, e.getMessage());
        }
        return new Result(true, true, true, latencyMs, version,
                "Connected to NextPanel at " + baseUrl + " in " + latencyMs + " ms; credentials accepted");
    }
}
