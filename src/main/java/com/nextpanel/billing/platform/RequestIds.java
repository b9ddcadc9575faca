package com.nextpanel.billing.platform;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id (the caller's X-Request-Id when sane, else a new one), echoed in the
 * response, in problem bodies and in the audit log, so an operator can follow one request; and
 * keeps the authenticated caller's name beside it for the audit log. Authentication answers its
 * 401s before filters run, so it asks {@link #of} itself.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class RequestIds implements Filter {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();
    /** The request attribute where authentication leaves the operator token's id (a string). */
    public static final String TOKEN_ID = RequestIds.class.getName() + ".tokenId";
    private static final ThreadLocal<String> CALLER = new ThreadLocal<>();
    private static final ThreadLocal<String> CALLER_TOKEN = new ThreadLocal<>();

    /** The id of the request this thread serves, or null outside a request (timers, workers). */
    public static String current() {
        return CURRENT.get();
    }

    /** The authenticated caller of the request this thread serves; null without one, or outside a request. */
    public static String caller() {
        return CALLER.get();
    }

    /** The id of the operator token behind this thread's request; null for the bootstrap token or none. */
    public static Long callerTokenId() {
        String id = CALLER_TOKEN.get();
        return id == null ? null : Long.valueOf(id);
    }

    /** The request's id, assigned on first use (authentication runs before this filter). */
    public static String of(HttpServletRequest request, HttpServletResponse response) {
        Object assigned = request.getAttribute(HEADER);
        if (assigned != null) {
            return assigned.toString();
        }
        String given = request.getHeader(HEADER);
        String id = given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        request.setAttribute(HEADER, id);
        response.setHeader(HEADER, id);
        return id;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        CURRENT.set(of(http, (HttpServletResponse) response));
        Principal caller = http.getUserPrincipal(); // authentication has run before filters
        CALLER.set(caller == null ? null : caller.getName());
        Object token = http.getAttribute(TOKEN_ID);
        CALLER_TOKEN.set(caller == null || token == null ? null : token.toString());
        try {
            chain.doFilter(request, response);
        } finally {
            CURRENT.remove();
            CALLER.remove();
            CALLER_TOKEN.remove();
        }
    }
}
