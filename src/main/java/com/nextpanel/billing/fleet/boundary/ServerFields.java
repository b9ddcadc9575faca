package com.nextpanel.billing.fleet.boundary;

/** Rules shared by the server bodies (create, edit, credentials, test). */
final class ServerFields {

    static final String URL = "^https?://[^\\s/?#]+(:\\d+)?(/[^\\s]*)?$";
    static final String URL_MESSAGE = "must be an http:// or https:// URL such as http://192.168.10.203:9000";
    static final long MAX_CAPACITY = 1_000_000;
    static final long MAX_RATE_LIMIT = 1_000_000;
    static final int DEFAULT_CAPACITY = 100;
    static final int DEFAULT_RATE_LIMIT = 1000;

    private ServerFields() {
    }

    /** "http://host:9000/" and "http://host:9000" are the same panel. */
    static String normalizeUrl(String url) {
        String trimmed = url.trim();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
