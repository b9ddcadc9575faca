package com.nextpanel.billing.fleet.boundary;

import com.nextpanel.billing.fleet.entity.ServerDetails;
import com.nextpanel.billing.platform.ErrorCode;
import com.nextpanel.billing.platform.Refusal;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON merge patch of a server: only the members present change, {@code null} clears an
 * optional one. Checked as a whole before anything is applied.
 */
final class ServerPatch {

    private static final Set<String> EDITABLE = Set.of("name", "description", "capacity", "location", "tags",
            "is_active", "rate_limit_per_hour", "panel_url");

    private final JsonObject patch;

    private ServerPatch(JsonObject patch) {
        this.patch = patch;
    }

    static ServerPatch of(JsonObject patch) {
        if (patch == null || patch.isEmpty()) {
            throw Refusal.invalid("Send at least one of: " + String.join(", ", EDITABLE.stream().sorted().toList()));
        }
        List<Map<String, Object>> errors = new ArrayList<>();
        for (String member : patch.keySet()) {
            if (!EDITABLE.contains(member)) {
                errors.add(error(member, switch (member) {
                    case "api_key", "api_secret", "base_url" -> "is changed with PUT /servers/{id}/credentials";
                    default -> "is not a field of a server that can be edited";
                }));
            }
        }
        var checked = new ServerPatch(patch);
        checked.text("name", 100, false, errors);
        checked.text("description", 500, true, errors);
        checked.text("location", 100, true, errors);
        checked.url("panel_url", errors);
        checked.number("capacity", 1, ServerFields.MAX_CAPACITY, errors);
        checked.number("rate_limit_per_hour", 1, ServerFields.MAX_RATE_LIMIT, errors);
        checked.bool("is_active", errors);
        checked.tags(errors);
        if (!errors.isEmpty()) {
            String detail = errors.size() == 1 ? errors.get(0).get("field") + ": " + errors.get(0).get("message")
                    : errors.size() + " fields are invalid";
            throw new Refusal(ErrorCode.INVALID_FIELDS, detail).with("errors", errors);
        }
        return checked;
    }

    ServerDetails applyTo(ServerDetails d) {
        return new ServerDetails(
                patch.containsKey("name") ? patch.getString("name").trim() : d.name(),
                patch.containsKey("description") ? optionalText("description") : d.description(),
                d.baseUrl(),
                patch.containsKey("capacity") ? patch.getInt("capacity") : d.capacity(),
                patch.containsKey("location") ? optionalText("location") : d.location(),
                patch.containsKey("tags") ? tagList() : d.tags(),
                patch.containsKey("is_active") ? patch.getBoolean("is_active") : d.active(),
                patch.containsKey("rate_limit_per_hour") ? patch.getInt("rate_limit_per_hour") : d.rateLimitPerHour(),
                patch.containsKey("panel_url") ? panelUrl() : d.panelUrl());
    }

    private String optionalText(String name) {
        return patch.isNull(name) ? null : patch.getString(name);
    }

    private String panelUrl() {
        String url = optionalText("panel_url");
        return url == null || url.isBlank() ? null : ServerFields.normalizeUrl(url);
    }

    private List<String> tagList() {
        return patch.isNull("tags") ? List.of()
                : patch.getJsonArray("tags").getValuesAs(JsonString.class).stream().map(t -> t.getString().trim()).toList();
    }

    private void text(String name, int max, boolean nullable, List<Map<String, Object>> errors) {
        JsonValue value = patch.get(name);
        if (value == null || (nullable && value.getValueType() == JsonValue.ValueType.NULL)) {
            return;
        }
        if (!(value instanceof JsonString text)) {
            errors.add(error(name, "must be a string"));
        } else if (!nullable && text.getString().isBlank()) {
            errors.add(error(name, "must not be blank"));
        } else if (text.getString().length() > max) {
            errors.add(error(name, "size must be between 0 and " + max));
        }
    }

    private void url(String name, List<Map<String, Object>> errors) {
        text(name, 500, true, errors);
        if (patch.get(name) instanceof JsonString url && !url.getString().isBlank()
                && !url.getString().trim().matches(ServerFields.URL)) {
            errors.add(error(name, ServerFields.URL_MESSAGE));
        }
    }

    private void number(String name, long min, long max, List<Map<String, Object>> errors) {
        JsonValue value = patch.get(name);
        if (value == null) {
            return;
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
            errors.add(error(name, "must be a whole number"));
        } else if (number.longValue() < min || number.longValue() > max) {
            errors.add(error(name, "must be between " + min + " and " + max));
        }
    }

    private void bool(String name, List<Map<String, Object>> errors) {
        JsonValue value = patch.get(name);
        if (value != null && value != JsonValue.TRUE && value != JsonValue.FALSE) {
            errors.add(error(name, "must be true or false"));
        }
    }

    private void tags(List<Map<String, Object>> errors) {
        JsonValue value = patch.get("tags");
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return;
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            errors.add(error("tags", "must be a list of strings"));
            return;
        }
        var tags = value.asJsonArray();
        if (tags.size() > 20) {
            errors.add(error("tags", "size must be between 0 and 20"));
        }
        for (JsonValue tag : tags) {
            if (!(tag instanceof JsonString text) || text.getString().isBlank() || text.getString().length() > 50) {
                errors.add(error("tags", "each tag must be a non-blank string of at most 50 characters"));
                return;
            }
        }
    }

    private static Map<String, Object> error(String field, String message) {
        var error = new LinkedHashMap<String, Object>();
        error.put("field", field);
        error.put("message", message);
        return error;
    }
}
