package com.nextpanel.billing.platform;

import jakarta.json.bind.JsonbException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;

/**
 * For calls whose JSON body may be left out entirely (JAX-RS refuses an empty body for an entity
 * parameter): reads it with the API's JSON rules and validates it like any other body.
 */
public final class OptionalBody {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    private OptionalBody() {
    }

    /** The body, or null when none was sent. */
    public static <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            return null;
        }
        T value;
        try {
            value = JsonConfig.JSONB.fromJson(body, type);
        } catch (JsonbException e) {
            throw new Refusal(ErrorCode.MALFORMED_JSON, "The request body is not valid JSON for this call");
        }
        var violations = VALIDATOR.validate(value);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return value;
    }
}
