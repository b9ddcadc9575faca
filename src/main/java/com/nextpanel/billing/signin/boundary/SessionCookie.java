package com.nextpanel.billing.signin.boundary;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import java.time.Duration;

/**
 * The customer's session cookie: HttpOnly (no script reads it), SameSite=Lax (no cross-site POST
 * carries it, while the customer's return from the payment page, a top-level GET, still does),
 * Secure when the request came over HTTPS, on the whole site.
 */
final class SessionCookie {

    static final String NAME = "np_session";

    private SessionCookie() {
    }

    /** The Set-Cookie header that keeps {@code sessionId} for at most {@code maxAge}. */
    static String set(String sessionId, Duration maxAge, boolean secure) {
        return NAME + "=" + sessionId + "; Path=/; Max-Age=" + maxAge.toSeconds() + attributes(secure);
    }

    /** The Set-Cookie header that removes the cookie. */
    static String cleared(boolean secure) {
        return NAME + "=; Path=/; Max-Age=0" + attributes(secure);
    }

    /** The session id the browser sent, or null. */
    static String of(HttpHeaders headers) {
        return valueOf(headers.getCookies().get(NAME));
    }

    static String of(ContainerRequestContext request) {
        return valueOf(request.getCookies().get(NAME));
    }

    /** Whether the browser reached us over HTTPS (directly, or through a proxy that says so). */
    static boolean overHttps(HttpHeaders headers, String scheme) {
        String forwarded = headers.getHeaderString("X-Forwarded-Proto");
        String proto = forwarded == null ? scheme : forwarded.split(",")[0].trim();
        return "https".equalsIgnoreCase(proto);
    }

    private static String valueOf(Cookie cookie) {
        return cookie == null || cookie.getValue() == null || cookie.getValue().isBlank() ? null : cookie.getValue();
    }

    private static String attributes(boolean secure) {
        return "; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
    }
}
