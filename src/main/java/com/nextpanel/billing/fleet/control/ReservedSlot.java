package com.nextpanel.billing.fleet.control;

import com.nextpanel.billing.fleet.entity.PanelServer;

/**
 * The server a slot was just reserved on, as the reserving statement left it: enough to answer
 * the caller and to judge the capacity alert without reading the row again.
 */
public record ReservedSlot(long serverId, String serverName, String baseUrl, int currentAccounts, int capacity) {

    public double utilization() {
        return PanelServer.utilization(currentAccounts, capacity);
    }
}
