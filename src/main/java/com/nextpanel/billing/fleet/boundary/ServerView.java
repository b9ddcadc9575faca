package com.nextpanel.billing.fleet.boundary;

import com.nextpanel.billing.fleet.entity.PanelServer;
import java.time.Instant;
import java.util.List;

/** A server as the API shows it: everything but its credentials (only a hint of the key). */
public class ServerView {
    public final long id;
    public final String name;
    public final String description;
    public final String baseUrl;
    /** Where customers open their control panel (the base URL when none was set). */
    public final String panelUrl;
    public final String apiKeyHint;
    public final int capacity;
    public final int currentAccounts;
    public final int availableSlots;
    public final double utilization;
    public final String location;
    public final List<String> tags;
    public final boolean isActive;
    /** False from the first failed probe on; {@link #health} tells failing from offline. */
    public final boolean isOnline;
    /** "online", "failing" (the latest probe failed) or "offline" (the threshold's worth in a row failed). */
    public final String health;
    public final int rateLimitPerHour;
    public final Instant lastChecked;
    public final Integer latencyMs;
    public final int consecutiveFailures;
    public final String lastError;
    public final Instant createdAt;
    public final Instant updatedAt;

    /** {@code offlineAfter}: fleet.probe.offline-after-failures, which tells failing from offline. */
    public ServerView(PanelServer s, int offlineAfter) {
        id = s.id();
        name = s.name();
        description = s.description();
        baseUrl = s.baseUrl();
        panelUrl = s.customerPanelUrl();
        apiKeyHint = s.apiKeyHint();
        capacity = s.capacity();
        currentAccounts = s.currentAccounts();
        availableSlots = s.availableSlots();
        utilization = s.utilization();
        location = s.location();
        tags = s.tags();
        isActive = s.active();
        isOnline = s.online();
        health = s.health(offlineAfter).json();
        rateLimitPerHour = s.rateLimitPerHour();
        lastChecked = s.lastCheckedAt();
        latencyMs = s.latencyMs();
        consecutiveFailures = s.consecutiveFailures();
        lastError = s.lastError();
        createdAt = s.createdAt();
        updatedAt = s.updatedAt();
    }

    /** The integration guide's 201 answer (its clients read message, server_id, name, url) plus the server. */
    public static class Added extends ServerView {
        public final String message = "Server added successfully";
        public final long serverId;
        public final String url;

        public Added(PanelServer s, int offlineAfter) {
            super(s, offlineAfter);
            serverId = s.id();
            url = s.baseUrl();
        }
    }
}
