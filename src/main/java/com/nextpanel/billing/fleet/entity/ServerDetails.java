package com.nextpanel.billing.fleet.entity;

import java.util.List;

/**
 * What an operator says about a server (everything but its credentials and its health).
 * {@code panelUrl}: where customers open their control panel; null when it is the base URL.
 */
public record ServerDetails(String name, String description, String baseUrl, int capacity, String location,
        List<String> tags, boolean active, int rateLimitPerHour, String panelUrl) {
}
