package com.nextpanel.billing.fleet.control;

import com.nextpanel.billing.panel.PanelClient;
import com.nextpanel.billing.panel.PanelClients;
import com.nextpanel.billing.panel.PanelEndpoint;
import com.nextpanel.billing.panel.PanelException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * The one way to call a panel for account work: through its {@link PanelGate} (shared budget,
 * Retry-After, isolation), at most panel.max-concurrent-calls at once from this node, with the
 * outcome fed back to the gate. Never call it inside a transaction.
 */
@ApplicationScoped
public class PanelAccess {

    @Inject
    Fleet fleet;

    @Inject
    PanelGate gate;

    @Inject
    ServerCredentials credentials;

    @Inject
    PanelClients clients;

    @Inject
    FleetConfig config;

    private final Map<Long, Semaphore> inFlight = new ConcurrentHashMap<>();
    /** Decrypted once per credentials version, not once per call. */
    private final Map<Long, PanelEndpoint> endpoints = new ConcurrentHashMap<>();

    /** One attempt, for calls that must not be repeated blindly (a create). */
    public <T> T once(long serverId, Function<PanelClient, T> call) {
        PanelGate.Admission admission = gate.admit(serverId);
        boolean clean = admission.clean();
        PanelEndpoint endpoint = endpoints.get(serverId);
        if (endpoint == null || endpoint.credentialsVersion() != admission.credentialsVersion()) {
            endpoint = credentials.endpointOf(fleet.get(serverId), config.panelReadTimeout());
            endpoints.put(serverId, endpoint);
        }
        Semaphore permits = inFlight.computeIfAbsent(serverId, id -> new Semaphore(config.maxConcurrentCalls(), true));
        awaitSlot(serverId, permits);
        try {
            T result = call.apply(clients.of(endpoint));
            if (!clean) {
                gate.succeeded(serverId);
            }
            return result;
        } catch (PanelException e) {
            if (e.isPanelUnwell()) {
                gate.failed(serverId, e.getMessage());
            } else if (e.kind() == PanelException.Kind.RATE_LIMITED) {
                e.retryAfter().ifPresent(wait -> gate.rateLimited(serverId, wait));
            } else if (!clean) {
                gate.succeeded(serverId); // it answered sensibly, if not as we hoped
            }
            throw e;
        } finally {
            permits.release();
        }
    }

    /**
     * Waits for one of this node's call slots for the panel, at most panel.slot-wait-ms: a job's
     * attempt must end well within its lease, or another node takes the job while it still waits.
     * Past the wait nothing was sent: the caller retries later, as after a 429.
     */
    private void awaitSlot(long serverId, Semaphore permits) {
        Duration wait = config.slotWait();
        try {
            if (permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new PanelException(PanelException.Kind.RATE_LIMITED, 0, "not sent: this node's "
                + config.maxConcurrentCalls() + " calls to server " + serverId + " stayed busy for "
                + wait.toSeconds() + " s", Duration.ofSeconds(1), null);
    }

    /**
     * For calls that are safe to repeat (suspend, unsuspend, delete, reads): a blip (refused
     * connection, timeout, 5xx) is retried twice with a short backoff before the caller hears of it.
     */
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = com.nextpanel.billing.panel.PanelUnavailable.class)
    public <T> T repeatable(long serverId, Function<PanelClient, T> call) {
        return once(serverId, call);
    }
}
