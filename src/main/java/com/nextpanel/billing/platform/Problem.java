package com.nextpanel.billing.platform;

import jakarta.ws.rs.core.Response.Status;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal a human can act on, answered as RFC 9457 problem+json by {@link ProblemMappers}.
 * Thrown from control code so that one mapper decides how every refusal looks.
 */
public class Problem extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    public Problem(int status, String type, String title, String detail) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    public static Problem badRequest(String detail) {
        return new Problem(400, "bad-request", "Bad request", detail);
    }

    public static Problem notFound(String what, Object id) {
        return new Problem(404, "not-found", "Not found", what + " " + id + " does not exist");
    }

    public static Problem conflict(String detail) {
        return new Problem(409, "conflict", "Conflict", detail);
    }

    public static Problem unprocessable(String type, String title, String detail) {
        return new Problem(422, type, title, detail);
    }

    public static Problem unavailable(String type, String title, String detail) {
        return new Problem(Status.SERVICE_UNAVAILABLE.getStatusCode(), type, title, detail);
    }

    /** Adds a machine-readable member beside the standard ones (e.g. the panel's own detail). */
    public Problem with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
