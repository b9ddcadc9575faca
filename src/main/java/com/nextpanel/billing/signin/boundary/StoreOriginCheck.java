package com.nextpanel.billing.signin.boundary;

import com.nextpanel.billing.platform.ErrorCode;
import com.nextpanel.billing.platform.ProblemJson;
import com.nextpanel.billing.platform.PublicAddress;
import com.nextpanel.billing.platform.Refusal;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;

/**
 * Refuses a store change sent from another site's page: a browser names the page's origin in the
 * Origin header, which must be ours (this request's own, or the public address). This covers
 * sign-in and sign-up too, which no session protects (login CSRF). A request without Origin is
 * not a browser's cross-site one (scripts, curl) and goes on.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
@ApplicationScoped
public class StoreOriginCheck implements ContainerRequestFilter {

    @Inject
    PublicAddress publicAddress;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        boolean store = path.startsWith("store/") || path.startsWith("/store/");
        String origin = request.getHeaderString("Origin");
        if (!store || !CustomerSessionFilter.changes(request.getMethod()) || origin == null) {
            return;
        }
        String given = PublicAddress.originOf(origin);
        if (given.isEmpty() || !given.equals(ownOrigin(request)) && !given.equals(publicAddress.origin())) {
            request.abortWith(ProblemJson.response(new Refusal(ErrorCode.CROSS_SITE,
                    "cross-site request refused: the store takes changes from its own pages only")));
        }
    }

    /** The origin the browser addressed: the Host it sent, with the scheme a proxy reports or ours. */
    private static String ownOrigin(ContainerRequestContext request) {
        URI uri = request.getUriInfo().getRequestUri();
        String forwarded = request.getHeaderString("X-Forwarded-Proto");
        String scheme = forwarded == null ? uri.getScheme() : forwarded.split(",")[0].trim();
        String host = request.getHeaderString("Host");
        return PublicAddress.originOf(scheme + "://" + (host == null ? uri.getRawAuthority() : host.trim()));
    }
}
