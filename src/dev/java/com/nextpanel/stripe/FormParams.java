package com.nextpanel.stripe;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stripe's form encoding, as stripe-java sends it: nested parameters flattened into bracketed
 * keys ({@code line_items[0][price_data][unit_amount]=999}, {@code metadata[invoice_id]=5}).
 * Kept flat; {@link #under} reads one level of nesting.
 */
final class FormParams {

    private final Map<String, String> values;

    private FormParams(Map<String, String> values) {
        this.values = values;
    }

    static FormParams parse(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded != null && !encoded.isBlank()) {
            for (String pair : encoded.split("&")) {
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                values.merge(key, value, (a, b) -> a + "," + b); // expand[]=a&expand[]=b
            }
        }
        return new FormParams(values);
    }

    String get(String key) {
        return values.get(key);
    }

    String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    long getLong(String key, long fallback) {
        String value = values.get(key);
        return value == null ? fallback : Long.parseLong(value);
    }

    /** The direct children of {@code prefix}: under("metadata") of metadata[a]=1 → {a=1}. */
    Map<String, String> under(String prefix) {
        Map<String, String> children = new TreeMap<>();
        String start = prefix + "[";
        values.forEach((key, value) -> {
            String rest = key.startsWith(start) ? key.substring(start.length()) : "";
            if (rest.endsWith("]") && rest.indexOf(']') == rest.length() - 1 && !rest.contains("[")) {
                children.put(rest.substring(0, rest.length() - 1), value);
            }
        });
        return children;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
