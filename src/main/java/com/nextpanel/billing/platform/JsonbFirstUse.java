package com.nextpanel.billing.platform;

import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.Providers;

/**
 * Payara's JSON-B context resolver ({@code org.glassfish.weld.JaxRSJsonContextResolver}) builds
 * the app's resolvers ({@link JsonConfig}) on its first use, without a lock: two requests that
 * were a node's first to read or write JSON at the same moment failed with a
 * ConcurrentModificationException, a 500 (seen when the demo registered its panels while the
 * first provision came in). The first request through here makes that first use alone, and the
 * others wait for it; after that this filter costs one volatile read.
 */
@Provider
@PreMatching
public class JsonbFirstUse implements ContainerRequestFilter {

    private static volatile boolean done;

    @Context
    Providers providers;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!done) {
            firstUse();
        }
    }

    private void firstUse() {
        synchronized (JsonbFirstUse.class) {
            if (!done) {
                ContextResolver<Jsonb> resolver = providers.getContextResolver(Jsonb.class,
                        MediaType.APPLICATION_JSON_TYPE);
                if (resolver != null) {
                    resolver.getContext(Object.class);
                }
                done = true;
            }
        }
    }
}
