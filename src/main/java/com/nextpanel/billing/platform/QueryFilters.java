package com.nextpanel.billing.platform;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Reads list filters from query parameters the same way in every resource. */
public final class QueryFilters {

    private QueryFilters() {
    }

    /** "needs_attention" → NEEDS_ATTENTION; blank → null (no filter); anything else → 400 naming the choices. */
    public static <E extends Enum<E>> E oneOf(Class<E> type, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid(name + " must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                    + ", not '" + value + "'");
        }
    }
}
