package com.nextpanel.billing.signin.boundary;

import com.nextpanel.billing.platform.ErrorCode;
import com.nextpanel.billing.platform.ProblemJson;
import com.nextpanel.billing.platform.Refusal;
import com.nextpanel.billing.security.TokenHash;
import com.nextpanel.billing.signin.control.CustomerSessions;
import com.nextpanel.billing.signin.entity.CustomerSession;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Lets a {@link CustomerOnly} call through with a live session cookie (else 401), and a change
 * only with the session's CSRF token in X-CSRF-Token (else 403): a page on another site can make
 * the browser send the cookie, but cannot read the token.
 */
@Provider
@CustomerOnly
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class CustomerSessionFilter implements ContainerRequestFilter {

    static final String CSRF_HEADER = "X-CSRF-Token";

    @Inject
    CustomerSessions sessions;

    @Inject
    SignedInCustomer signedIn;

    @Override
    public void filter(ContainerRequestContext request) {
        String id = SessionCookie.of(request);
        if (id == null) {
            refuse(request, ErrorCode.UNAUTHORIZED, "Sign in first: this call needs a customer session");
            return;
        }
        String hash = TokenHash.of(id);
        Optional<CustomerSession> session = sessions.findActive(hash);
        if (session.isEmpty()) {
            refuse(request, ErrorCode.UNAUTHORIZED, "Your session has ended; sign in again");
            return;
        }
        if (changes(request.getMethod()) && !sameToken(request.getHeaderString(CSRF_HEADER), session.get().csrfToken())) {
            refuse(request, ErrorCode.CSRF_TOKEN_MISSING, "This change needs the header " + CSRF_HEADER
                    + " with the csrf_token that GET /api/store/session answers");
            return;
        }
        signedIn.signedIn(session.get().customerId(), hash);
    }

    static boolean changes(String method) {
        return !"GET".equals(method) && !"HEAD".equals(method) && !"OPTIONS".equals(method);
    }

    /** Constant time: how long the comparison takes says nothing about how much of the token matched. */
    private static boolean sameToken(String given, String expected) {
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }

    private static void refuse(ContainerRequestContext request, ErrorCode code, String detail) {
        request.abortWith(ProblemJson.response(new Refusal(code, detail)));
    }
}
