package com.nextpanel.billing.fleet.control;

import com.nextpanel.billing.alert.control.Alerts;
import com.nextpanel.billing.alert.entity.Alert;
import com.nextpanel.billing.fleet.entity.PanelServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Raises "server nearly full" at fleet.nearly-full-percent and clears it below. Not inside a
 * reservation's transaction: raising an alert waits for a concurrent raise of the same alert, and
 * inside a reservation that wait closes a deadlock over the server rows. Releasing a slot and
 * editing a server may call it in their transaction (they wait on no other server row).
 */
@ApplicationScoped
@Transactional
public class CapacityAlerts {

    @PersistenceContext
    EntityManager em;

    @Inject
    Alerts alerts;

    @Inject
    FleetConfig config;

    /**
     * After a reservation, which can only fill a server: raises the alert when the reservation
     * reached the threshold, and costs nothing below it (there is nothing to clear).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public void afterReservation(ReservedSlot slot) {
        if (slot.utilization() >= config.nearlyFullPercent()) {
            check(slot.serverId());
        }
    }

    /** Reads the server's counts fresh (other transactions and SQL updates change them). */
    public void check(long serverId) {
        List<?> rows = em.createNativeQuery("SELECT name, current_accounts, capacity FROM panel_server WHERE id = ?1")
                .setParameter(1, serverId).getResultList();
        if (rows.isEmpty()) {
            return;
        }
        Object[] row = (Object[]) rows.get(0);
        int current = ((Number) row[1]).intValue();
        int capacity = ((Number) row[2]).intValue();
        double percent = PanelServer.utilization(current, capacity);
        if (percent >= config.nearlyFullPercent()) {
            alerts.raise(Alert.Kind.SERVER_NEARLY_FULL, "server", serverId,
                    "Server '" + row[0] + "' is " + percent + " % full (" + current + "/" + capacity + ")");
        } else {
            alerts.clear(Alert.Kind.SERVER_NEARLY_FULL, "server", serverId);
        }
    }
}
