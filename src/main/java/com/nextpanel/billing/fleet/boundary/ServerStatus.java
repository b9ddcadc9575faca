package com.nextpanel.billing.fleet.boundary;

import com.nextpanel.billing.fleet.entity.PanelServer;
import java.time.Instant;

/**
 * One row of GET /servers/status, as the integration guide shows it ({@code server_id} is a string
 * there), plus {@code health}: "online", "failing" or "offline".
 */
public record ServerStatus(String serverId, String name, String url, boolean isActive, boolean isOnline,
        String health, int currentAccounts, int capacity, double utilization, Instant lastChecked, Integer latencyMs,
        int consecutiveFailures, String lastError) {

    static ServerStatus of(PanelServer s, int offlineAfter) {
        return new ServerStatus(String.valueOf(s.id()), s.name(), s.baseUrl(), s.active(), s.online(),
                s.health(offlineAfter).json(),
                s.currentAccounts(), s.capacity(), s.utilization(), s.lastCheckedAt(), s.latencyMs(),
                s.consecutiveFailures(), s.lastError());
    }
}
