package com.nextpanel.billing.panel;

import java.time.Duration;

/**
 * Where and how to reach one panel. {@code credentialsVersion} changes whenever the server's
 * credentials or URL change, so that a cached client is rebuilt.
 */
public record PanelEndpoint(long serverId, String baseUrl, PanelCredentials credentials,
        long credentialsVersion, Duration readTimeout) {

    /** A panel that is not registered yet (the connection test before saving). */
    public static PanelEndpoint unsaved(String baseUrl, PanelCredentials credentials, Duration readTimeout) {
        return new PanelEndpoint(0, baseUrl, credentials, 0, readTimeout);
    }

    @Override
    public String toString() {
        return "PanelEndpoint[server=" + serverId + ", " + baseUrl + ", " + credentials + "]";
    }
}
