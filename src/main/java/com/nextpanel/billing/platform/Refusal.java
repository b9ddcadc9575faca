package com.nextpanel.billing.platform;

import jakarta.ejb.ApplicationException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal a human can act on: its {@link ErrorCode} says what kind it is, the detail says it
 * to people. Thrown from any layer; the REST boundary answers it as problem+json
 * ({@link ProblemMappers}), so that one place decides how every refusal looks.
 */
@ApplicationException(rollback = true, inherited = true) // an EJB passes it on as it is, and rolls back
public class Refusal extends RuntimeException {

    private final ErrorCode code;
    private final Map<String, Object> extensions = new LinkedHashMap<>();
    private String title;

    public Refusal(ErrorCode code, String detail) {
        super(detail);
        this.code = code;
    }

    public static Refusal invalid(String detail) {
        return new Refusal(ErrorCode.INVALID_INPUT, detail);
    }

    public static Refusal notFound(String what, Object id) {
        return new Refusal(ErrorCode.NOT_FOUND, what + " " + id + " does not exist");
    }

    public static Refusal conflict(String detail) {
        return new Refusal(ErrorCode.CONFLICT, detail);
    }

    /** Adds a machine-readable member beside the standard ones (e.g. the panel's own detail). */
    public Refusal with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    /** A title naming the action that was refused ("Suspension failed") instead of the code's. */
    public Refusal titled(String title) {
        this.title = title;
        return this;
    }

    public ErrorCode code() {
        return code;
    }

    /** Whether this refusal is of one of {@code codes}: catch sites handle theirs and rethrow the rest. */
    public boolean is(ErrorCode... codes) {
        return Arrays.asList(codes).contains(code);
    }

    public String title() {
        return title == null ? code.title() : title;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    @Override
    public String toString() {
        return getClass().getName() + " " + code + ": " + getMessage();
    }
}
