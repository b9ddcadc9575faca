package com.nextpanel.billing.platform;

import java.util.Map;

/**
 * An RFC 9457 problem as it goes on the wire. Built from a {@link Refusal} by
 * {@link ProblemMappers}, or directly for the HTTP errors the container or JAX-RS raise, whose
 * status is theirs.
 */
record Problem(int status, String type, String title, String detail, Map<String, Object> extensions) {

    Problem(int status, String type, String title, String detail) {
        this(status, type, title, detail, Map.of());
    }
}
