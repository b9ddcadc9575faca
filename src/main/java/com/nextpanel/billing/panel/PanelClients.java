package com.nextpanel.billing.panel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * The one factory of panel clients: a MicroProfile REST Client per panel, built from its base URL
 * and cached until its credentials, URL or timeout change.
 */
@ApplicationScoped
public class PanelClients {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    private record CacheKey(long serverId, long credentialsVersion, String baseUrl, Duration readTimeout) {
    }

    private final Map<CacheKey, PanelClient> cache = new ConcurrentHashMap<>();

    /** A client for a registered server; cached. */
    public PanelClient of(PanelEndpoint endpoint) {
        if (endpoint.serverId() == 0) {
            return build(endpoint);
        }
        var key = new CacheKey(endpoint.serverId(), endpoint.credentialsVersion(), endpoint.baseUrl(),
                endpoint.readTimeout());
        PanelClient cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        PanelClient client = cache.computeIfAbsent(key, k -> build(endpoint));
        // a new client for this server: the ones built for its old credentials or address go
        cache.keySet().removeIf(k -> k.serverId() == key.serverId() && !k.equals(key)
                && k.readTimeout().equals(key.readTimeout()));
        return client;
    }

    /** Forgets a removed server's clients. */
    public void forget(long serverId) {
        cache.keySet().removeIf(k -> k.serverId() == serverId);
    }

    private static PanelClient build(PanelEndpoint endpoint) {
        PanelCredentials credentials = endpoint.credentials();
        ClientRequestFilter signing = request -> {
            if (credentials != null) {
                request.getHeaders().putSingle("X-API-Key", credentials.apiKey());
                request.getHeaders().putSingle("X-API-Secret", credentials.apiSecret());
            }
        };
        Duration connect = endpoint.readTimeout().compareTo(CONNECT_TIMEOUT) < 0 ? endpoint.readTimeout() : CONNECT_TIMEOUT;
        NextPanelApi api = RestClientBuilder.newBuilder()
                .baseUri(URI.create(endpoint.baseUrl()))
                .connectTimeout(connect.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(endpoint.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .register(signing)
                .register(new PanelErrors())
                .build(NextPanelApi.class);
        return new PanelClient(api, endpoint);
    }
}
