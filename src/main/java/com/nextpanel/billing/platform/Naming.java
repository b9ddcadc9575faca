package com.nextpanel.billing.platform;

/** The JSON naming rule of the API (camelCase Java names appear to clients as snake_case). */
public final class Naming {

    private Naming() {
    }

    public static String snakeCase(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
