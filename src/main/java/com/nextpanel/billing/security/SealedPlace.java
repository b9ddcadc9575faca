package com.nextpanel.billing.security;

import java.nio.charset.StandardCharsets;

/**
 * Where a sealed value is kept: its table, column and row. Sealed into the value, so that a value
 * copied to another row (a panel's secret into another panel's row, say) does not open there.
 */
public record SealedPlace(String table, String column, long rowId) {

    byte[] associatedData() {
        return toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return table + "." + column + "#" + rowId;
    }
}
