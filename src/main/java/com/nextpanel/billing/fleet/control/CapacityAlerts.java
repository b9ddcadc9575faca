package com.nextpanel.billing.fleet.control;

import com.nextpanel.billing.alert.control.Alerts;
import com.nextpanel.billing.alert.entity.Alert;
import com.nextpanel.billing.fleet.entity.PanelServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Raises "server nearly full" at fleet.nearly-full-percent and clears it below. Call it after
 * the reservation has committed, never inside it: raising an alert waits for a concurrent raise
 * of the same alert, and inside a reservation that wait closes a deadlock over the server rows.
 */
@ApplicationScoped
@Transactional
public class CapacityAlerts {

    @Inject
    Fleet fleet;

    @Inject
    Alerts alerts;

    @Inject
    FleetConfig config;

    public void check(long serverId) {
        fleet.find(serverId).ifPresent(this::check);
    }

    void check(PanelServer server) {
        if (server.utilization() >= config.nearlyFullPercent()) {
            alerts.raise(Alert.Kind.SERVER_NEARLY_FULL, "server", server.id(), "Server '" + server.name() + "' is "
                    + server.utilization() + " % full (" + server.currentAccounts() + "/" + server.capacity() + ")");
        } else {
            alerts.clear(Alert.Kind.SERVER_NEARLY_FULL, "server", server.id());
        }
    }
}
