package com.nextpanel.billing.platform;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;

/**
 * JSON-P through one provider looked up once. {@code Json.createObjectBuilder()} and its kin look
 * the provider up through the class loader on every call, which showed up in the provisioning
 * profile (5 % of Payara's CPU).
 */
public final class JsonValues {

    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private JsonValues() {
    }

    public static JsonObjectBuilder object() {
        return PROVIDER.createObjectBuilder();
    }

    public static JsonArrayBuilder array() {
        return PROVIDER.createArrayBuilder();
    }

    public static JsonValue of(long number) {
        return PROVIDER.createValue(number);
    }

    public static JsonValue of(String text) {
        return PROVIDER.createValue(text);
    }

    public static JsonReader reader(String text) {
        return PROVIDER.createReader(new StringReader(text));
    }
}
