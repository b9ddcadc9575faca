package com.nextpanel.billing.security;

import com.nextpanel.billing.platform.ErrorCode;
import com.nextpanel.billing.platform.ProblemJson;
import com.nextpanel.billing.platform.Refusal;
import com.nextpanel.billing.platform.RequestIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * "Authorization: Bearer &lt;token&gt;" on everything under /api/v1, the operator API; the
 * console's and the store's static files, health, metrics and OpenAPI stay open. Two parts of
 * /api answer without an operator token: the store API (/api/store, where a customer's session
 * cookie counts and never an operator role) and the payment gateway's webhook, which proves
 * itself with its signature. A refusal is a 401 problem+json, never an HTML page.
 */
@ApplicationScoped
public class BearerTokenMechanism implements HttpAuthenticationMechanism {

    private static final Logger LOG = Logger.getLogger(BearerTokenMechanism.class.getName());
    private static final String PREFIX = "Bearer ";
    private static final String STORE_API = "/api/store/";
    private static final String STRIPE_WEBHOOK = "/api/v1/payments/stripe/webhook";

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    FailedBearerAttempts failedAttempts;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith("/api/") || path.startsWith(STORE_API) || path.equals(STRIPE_WEBHOOK)) {
            return context.doNothing();
        }
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return refuse(request, response, context,
                    "This call needs an operator token: send the header 'Authorization: Bearer <token>'");
        }
        String address = request.getRemoteAddr();
        var wait = failedAttempts.throttled(address);
        if (wait.isPresent()) {
            long seconds = Math.max(1, wait.get().toSeconds() + 1);
            response.setHeader("Retry-After", Long.toString(seconds));
            return answer(request, response, context, new Refusal(ErrorCode.TOO_MANY_FAILED_TOKENS,
                    "Too many calls with a wrong bearer token from this address;"
                    + " try again in " + seconds + " s"));
        }
        String token = header.substring(PREFIX.length()).trim();
        CredentialValidationResult result;
        try {
            result = identityStores.validate(new BearerTokenCredential(token));
        } catch (RuntimeException e) {
            // Operator tokens live in the database: down, it cannot say yes or no. An answer the
            // client can act on (retry later), not the container's HTML error page.
            LOG.warning("A bearer token could not be checked: " + e);
            return answer(request, response, context, new Refusal(ErrorCode.UNAVAILABLE,
                    "The token could not be checked because the database is unavailable; try again shortly"));
        }
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            failedAttempts.failed(address);
            return refuse(request, response, context, "The bearer token is not valid, or it was revoked");
        }
        if (result.getCallerUniqueId() != null) {
            request.setAttribute(RequestIds.TOKEN_ID, result.getCallerUniqueId()); // for the audit log
        }
        return context.notifyContainerAboutLogin(result);
    }

    private static AuthenticationStatus refuse(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context, String detail) {
        response.setHeader("WWW-Authenticate", "Bearer");
        return answer(request, response, context, new Refusal(ErrorCode.UNAUTHORIZED, detail));
    }

    private static AuthenticationStatus answer(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context, Refusal refusal) {
        try {
            ProblemJson.write(request, response, refusal);
            response.flushBuffer();
        } catch (IOException e) {
            return context.responseUnauthorized();
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
