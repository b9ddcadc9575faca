package com.nextpanel.billing.fleet.entity;

import java.util.Locale;

/**
 * What the health probes say of a server. Only {@link #ONLINE} takes new accounts: a server whose
 * latest probe failed is not trusted with one until a probe succeeds. {@link #OFFLINE} is the same
 * refusal after enough failures in a row to rule out a blip; it is when the "server offline" alert
 * opens.
 */
public enum ServerHealth {
    /** The latest probe succeeded. */
    ONLINE,
    /** The latest probe failed, but fewer than the offline threshold in a row. */
    FAILING,
    /** The threshold's worth of probes in a row failed. */
    OFFLINE;

    /**
     * @param online the latest probe succeeded (is_online)
     * @param consecutiveFailures failed probes in a row since the last success
     * @param offlineAfter fleet.probe.offline-after-failures
     */
    public static ServerHealth of(boolean online, int consecutiveFailures, int offlineAfter) {
        if (online && consecutiveFailures == 0) {
            return ONLINE;
        }
        // not online without a failure on record is a server no probe has vouched for yet
        return consecutiveFailures > 0 && consecutiveFailures < offlineAfter ? FAILING : OFFLINE;
    }

    /** As the API and the console show it: "online", "failing", "offline". */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
