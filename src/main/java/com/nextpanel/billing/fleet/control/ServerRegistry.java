package com.nextpanel.billing.fleet.control;

import com.nextpanel.billing.audit.control.AuditLog;
import com.nextpanel.billing.audit.entity.AuditEntry.Outcome;
import com.nextpanel.billing.fleet.entity.PanelServer;
import com.nextpanel.billing.fleet.entity.ServerDetails;
import com.nextpanel.billing.panel.PanelClients;
import com.nextpanel.billing.panel.PanelCredentials;
import com.nextpanel.billing.platform.EntityIds;
import com.nextpanel.billing.platform.ErrorCode;
import com.nextpanel.billing.platform.Refusal;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The operator's changes to the fleet. A connection test (a panel call) always runs before and
 * outside the transaction that saves its result; every change and refusal is audited.
 */
@ApplicationScoped
public class ServerRegistry {

    static final String TARGET = "server";

    private static final Logger LOG = Logger.getLogger(ServerRegistry.class.getName());

    @Inject
    Fleet fleet;

    @Inject
    ConnectionTest connectionTest;

    @Inject
    ServerCredentials credentials;

    @Inject
    PanelClients clients;

    @Inject
    AuditLog audit;

    @Inject
    CapacityAlerts capacityAlerts;

    @Inject
    PanelGate gate;

    @Resource
    TransactionSynchronizationRegistry transaction;

    @Inject
    FleetConfig config;

    @Inject
    Clock clock;

    @Inject
    EntityIds ids;

    @PersistenceContext
    EntityManager em;

    public PanelServer register(ServerDetails details, PanelCredentials panelCredentials) {
        return audited("server.register", details.name(), () -> {
            fleet.refuseTakenName(details.name(), null);
            ConnectionTest.Result test = connectionTest.run(details.baseUrl(), panelCredentials);
            refuseFailed(test);
            long id = ids.next(PanelServer.class);
            var server = new PanelServer(id, details, credentials.seal(panelCredentials, id), test.latencyMs(),
                    clock.instant());
            fleet.add(server);
            audit.success("server.register", TARGET, server.id(),
                    "name=" + server.name() + ", url=" + server.baseUrl() + ", capacity=" + server.capacity()
                            + ", key=" + server.apiKeyHint());
            prepareClients(server);
            return server;
        });
    }

    @Transactional
    public PanelServer update(long id, UnaryOperator<ServerDetails> change) {
        return audited("server.update", id, () -> {
            PanelServer server = fleet.lock(id);
            ServerDetails before = server.details();
            ServerDetails after = change.apply(before);
            if (!after.name().equalsIgnoreCase(before.name())) {
                fleet.refuseTakenName(after.name(), id);
            }
            server.update(after, clock.instant());
            em.flush();
            forgetGateViewAfterCommit(id); // the rate limit may have changed
            capacityAlerts.check(id);
            audit.success("server.update", TARGET, id, ServerChanges.describe(before, after));
            return server;
        });
    }

    /** Key rotation (and, optionally, a new address): the new pair must work before it replaces the old. */
    public PanelServer replaceCredentials(long id, PanelCredentials replacement, String newBaseUrl) {
        return audited("server.credentials.replace", id, () -> {
            PanelServer current = fleet.get(id);
            String baseUrl = newBaseUrl == null ? current.baseUrl() : newBaseUrl;
            refuseFailed(connectionTest.run(baseUrl, replacement));
            PanelServer server = saveCredentials(id, replacement, baseUrl);
            gate.forget(id); // its credentials version changed
            audit.success("server.credentials.replace", TARGET, id,
                    "key=" + server.apiKeyHint() + (newBaseUrl == null ? "" : ", url=" + baseUrl));
            prepareClients(server);
            return server;
        });
    }

    @Transactional
    public void remove(long id) {
        audited("server.remove", id, () -> {
            PanelServer server = fleet.lock(id);
            server.remove(clock.instant());
            em.flush();
            clients.forget(id);
            forgetGateViewAfterCommit(id);
            audit.success("server.remove", TARGET, id, "name=" + server.name());
            return server;
        });
    }

    /** Re-encrypts every server's credentials under the current master key; returns how many changed. */
    int resealAll() {
        int resealed = 0;
        for (PanelServer server : fleet.all()) {
            if (!credentials.sealedWithCurrentKey(server)) {
                fleet.reseal(server.id(), credentials);
                resealed++;
            }
        }
        return resealed;
    }

    private PanelServer saveCredentials(long id, PanelCredentials replacement, String baseUrl) {
        return fleet.replaceCredentials(id, credentials.seal(replacement, id), baseUrl, clock.instant());
    }

    /**
     * Builds the server's panel clients now (account calls, probes) and makes one call through
     * the first, outside any transaction. A client's build and its first call set Jersey's client
     * runtime up: hundreds of milliseconds of CPU on a small node, with every account call to the
     * server waiting for it. The operator's registration pays that, not the first accounts. It
     * comes after the change is saved and audited: whatever goes wrong here only postpones the
     * work to the first real call, and the operator's answer stands.
     */
    private void prepareClients(PanelServer server) {
        try {
            clients.of(credentials.endpointOf(server, config.panelReadTimeout())).health();
            clients.of(credentials.endpointOf(server, config.probeTimeout()));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Preparing the clients of server " + server.id() + " failed; the first call will", e);
        }
    }

    /** After the commit: a view dropped earlier could be read again, unchanged, before it. */
    private void forgetGateViewAfterCommit(long serverId) {
        transaction.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                gate.forget(serverId);
            }
        });
    }

    private static void refuseFailed(ConnectionTest.Result test) {
        if (!test.success()) {
            throw new Refusal(test.reachable() ? ErrorCode.CONNECTION_TEST_CREDENTIALS_REJECTED
                    : ErrorCode.CONNECTION_TEST_UNREACHABLE, test.detail());
        }
    }

    private <T> T audited(String action, Object target, Supplier<T> work) {
        try {
            return work.get();
        } catch (Refusal refused) { // every kind: each refusal is audited, then answered
            audit.record(action, TARGET, target, Outcome.REFUSED, refused.detail());
            throw refused;
        }
    }
}
