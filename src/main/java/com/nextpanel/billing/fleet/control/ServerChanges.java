package com.nextpanel.billing.fleet.control;

import com.nextpanel.billing.fleet.entity.ServerDetails;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.function.Function;

/** Says in a line what an edit changed, for the audit log. */
final class ServerChanges {

    private ServerChanges() {
    }

    static String describe(ServerDetails before, ServerDetails after) {
        StringJoiner changes = new StringJoiner(", ").setEmptyValue("no change");
        field(changes, "name", before, after, ServerDetails::name);
        field(changes, "description", before, after, ServerDetails::description);
        field(changes, "capacity", before, after, ServerDetails::capacity);
        field(changes, "location", before, after, ServerDetails::location);
        field(changes, "tags", before, after, ServerDetails::tags);
        field(changes, "is_active", before, after, ServerDetails::active);
        field(changes, "rate_limit_per_hour", before, after, ServerDetails::rateLimitPerHour);
        return changes.toString();
    }

    private static void field(StringJoiner changes, String name, ServerDetails before, ServerDetails after,
            Function<ServerDetails, Object> value) {
        Object old = value.apply(before);
        Object now = value.apply(after);
        if (!Objects.equals(old, now)) {
            changes.add(name + ": " + old + " → " + now);
        }
    }
}
