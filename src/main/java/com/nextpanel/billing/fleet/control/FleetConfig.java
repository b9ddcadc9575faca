package com.nextpanel.billing.fleet.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The fleet's settings, from MicroProfile Config (FLEET_PROBE_INTERVAL_SECONDS, …). */
@ApplicationScoped
public class FleetConfig {

    @Inject
    @ConfigProperty(name = "fleet.probe.interval-seconds", defaultValue = "30")
    int probeIntervalSeconds;

    @Inject
    @ConfigProperty(name = "fleet.probe.manual-refresh-gap-ms", defaultValue = "5000")
    long manualRefreshGapMs;

    @Inject
    @ConfigProperty(name = "fleet.probe.timeout-ms", defaultValue = "2000")
    long probeTimeoutMs;

    @Inject
    @ConfigProperty(name = "fleet.probe.offline-after-failures", defaultValue = "3")
    int offlineAfterFailures;

    @Inject
    @ConfigProperty(name = "panel.read-timeout-ms", defaultValue = "10000")
    long panelReadTimeoutMs;

    @Inject
    @ConfigProperty(name = "panel.isolate-after-failures", defaultValue = "5")
    int isolateAfterFailures;

    @Inject
    @ConfigProperty(name = "panel.isolation-seconds", defaultValue = "30")
    long isolationSeconds;

    @Inject
    @ConfigProperty(name = "panel.max-concurrent-calls", defaultValue = "4")
    int maxConcurrentCalls;

    @Inject
    @ConfigProperty(name = "panel.slot-wait-ms", defaultValue = "30000")
    long slotWaitMs;

    @Inject
    @ConfigProperty(name = "fleet.nearly-full-percent", defaultValue = "80")
    double nearlyFullPercent;

    @Inject
    @ConfigProperty(name = "panel.gate.refresh-ms", defaultValue = "1000")
    long gateRefreshMs;

    /** Consecutive failed calls after which a panel is isolated (calls fail fast). */
    public int isolateAfterFailures() {
        return Math.max(1, isolateAfterFailures);
    }

    /** How long an isolated panel is left alone before one trial call may go through. */
    public Duration isolation() {
        return Duration.ofSeconds(Math.max(1, isolationSeconds));
    }

    /** Calls in flight to one panel from this node. */
    /** The longest a panel call waits for one of this node's slots; well below jobs.lease-seconds. */
    public Duration slotWait() {
        return Duration.ofMillis(Math.max(100, slotWaitMs));
    }

    public int maxConcurrentCalls() {
        return Math.max(1, maxConcurrentCalls);
    }

    /**
     * How long a node trusts its copy of a healthy panel's shared state (no failures, not isolated
     * or rate limited) before reading it again; a panel with trouble is read before every call.
     */
    public Duration gateRefresh() {
        return Duration.ofMillis(Math.max(0, gateRefreshMs));
    }

    /** Utilization (percent) at which a server raises a "nearly full" alert. */
    public double nearlyFullPercent() {
        return nearlyFullPercent;
    }

    public Duration probeInterval() {
        return Duration.ofSeconds(Math.max(1, probeIntervalSeconds));
    }

    /** The longest a health probe waits; also bounds how long /status?refresh=true can take. */
    /** A manual refresh this soon after the last one's start answers that one's results. */
    public Duration manualRefreshGap() {
        return Duration.ofMillis(Math.max(0, manualRefreshGapMs));
    }

    public Duration probeTimeout() {
        return Duration.ofMillis(Math.max(100, probeTimeoutMs));
    }

    public int offlineAfterFailures() {
        return Math.max(1, offlineAfterFailures);
    }

    public Duration panelReadTimeout() {
        return Duration.ofMillis(Math.max(100, panelReadTimeoutMs));
    }
}
