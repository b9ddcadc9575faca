package com.nextpanel.billing.signin.boundary;

import jakarta.servlet.http.HttpServletRequest;

/** Where a request comes from, for the sign-in throttle. */
final class ClientAddress {

    /** The column's width; an address is far shorter. */
    private static final int LONGEST = 64;

    private ClientAddress() {
    }

    /**
     * The connection's address; behind a trusted proxy the last X-Forwarded-For entry, the one that
     * proxy added itself (earlier entries come from the client and prove nothing).
     */
    static String of(HttpServletRequest request, boolean trustForwardedFor) {
        String address = request.getRemoteAddr();
        String forwarded = request.getHeader("X-Forwarded-For");
        if (trustForwardedFor && forwarded != null && !forwarded.isBlank()) {
            String[] hops = forwarded.split(",");
            address = hops[hops.length - 1].trim();
        }
        if (address == null || address.isBlank()) {
            address = "unknown";
        }
        return address.length() > LONGEST ? address.substring(0, LONGEST) : address;
    }
}
