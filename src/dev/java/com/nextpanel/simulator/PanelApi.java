package com.nextpanel.simulator;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The panel's billing API proper (routing, validation and account state); auth and faults happen before. */
final class PanelApi {

    private static final String ACCOUNTS = "/api/v1/billing/accounts";
    private static final Pattern ACCOUNT = Pattern.compile(ACCOUNTS + "/([^/]+)(?:/(suspend|unsuspend|stats))?");
    private static final Reply NOT_FOUND = Reply.error(404, "Not Found");
    private static final Reply NOT_ALLOWED = Reply.error(405, "Method Not Allowed");
    private static final Reply NO_ACCOUNT = Reply.error(404, "Account not found");
    private static final Reply BAD_JSON = Reply.error(422, "Invalid JSON body");

    /** An account with what the record does not expose. */
    private record Row(SimAccount account, String passwordHash, boolean admin, JsonObject metadata) {
        Row with(SimAccount changed) {
            return new Row(changed, passwordHash, admin, metadata);
        }
    }

    private final ConcurrentHashMap<Long, Row> rows = new ConcurrentHashMap<>();
    // live (non-deleted) accounts only, so a deleted account frees its username and email
    private final ConcurrentHashMap<String, Long> byUsername = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> byEmail = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);

    Reply route(String method, String rawPath, byte[] body) {
        String path = rawPath.length() > 1 && rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
        if (path.equals("/api/health")) {
            return method.equals("GET") ? health() : NOT_ALLOWED;
        }
        if (path.equals(ACCOUNTS)) {
            return method.equals("POST") ? create(body) : NOT_ALLOWED;
        }
        Matcher m = ACCOUNT.matcher(path);
        if (!m.matches()) {
            return NOT_FOUND;
        }
        String action = m.group(2) == null ? "" : m.group(2);
        boolean allowed = switch (action) {
            case "" -> method.equals("GET") || method.equals("DELETE");
            case "stats" -> method.equals("GET");
            default -> method.equals("POST");
        };
        if (!allowed) {
            return NOT_ALLOWED;
        }
        long id;
        try {
            id = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return NO_ACCOUNT;
        }
        return switch (action) {
            case "" -> method.equals("GET") ? get(id) : delete(id);
            case "stats" -> stats(id);
            case "suspend" -> suspend(id, body);
            default -> unsuspend(id);
        };
    }

    private Reply health() {
        return Reply.json(200, Reply.object().add("status", "healthy").add("version", "sim-1.0")
                .add("accounts", liveCount()).build());
    }

    private Reply create(byte[] body) {
        JsonObject in = Reply.parseObject(body, null);
        if (in == null) {
            return BAD_JSON;
        }
        for (String field : List.of("username", "email", "password")) {
            String value = Reply.text(in, field);
            if (value == null || value.isBlank()) {
                return Reply.error(422, "Field required: " + field);
            }
        }
        String username = Reply.text(in, "username");
        String email = Reply.text(in, "email");
        String passwordHash = sha256(Reply.text(in, "password"));
        Row row;
        synchronized (this) {
            if (byUsername.containsKey(username)) {
                return Reply.error(409, "Username already exists");
            }
            if (byEmail.containsKey(email)) {
                return Reply.error(409, "Email already exists");
            }
            long id = nextId.getAndIncrement();
            SimAccount account = new SimAccount(id, username, email, Reply.text(in, "full_name"),
                    Reply.text(in, "phone"), Reply.text(in, "company"), packageId(in.get("package_id")),
                    Reply.text(in, "billing_id"), "active", null, false,
                    Instant.now().truncatedTo(ChronoUnit.MILLIS));
            JsonValue metadata = in.get("metadata");
            row = new Row(account, passwordHash, isTrue(in.get("is_admin")),
                    metadata instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT);
            rows.put(id, row);
            byUsername.put(username, id);
            byEmail.put(email, id);
        }
        return Reply.json(201, toJson(row, false));
    }

    private Reply get(long id) {
        Row row = rows.get(id);
        return row == null || row.account.deleted() ? NO_ACCOUNT : Reply.json(200, toJson(row, false));
    }

    private Reply suspend(long id, byte[] body) {
        JsonObject in = Reply.parseObject(body, JsonValue.EMPTY_JSON_OBJECT);
        if (in == null) {
            return BAD_JSON;
        }
        String reason = Reply.text(in, "reason");
        return update(id, a -> a.withStatus("suspended", reason));
    }

    private Reply unsuspend(long id) {
        return update(id, a -> a.withStatus("active", null));
    }

    private Reply delete(long id) {
        synchronized (this) {
            Row row = rows.get(id);
            if (row == null || row.account.deleted()) {
                return NO_ACCOUNT;
            }
            rows.put(id, row.with(row.account.asDeleted()));
            byUsername.remove(row.account.username(), id);
            byEmail.remove(row.account.email(), id);
        }
        return Reply.json(200, Reply.object().add("detail", "Account deleted").add("id", id).build());
    }

    private synchronized Reply update(long id, UnaryOperator<SimAccount> change) {
        Row row = rows.get(id);
        if (row == null || row.account.deleted()) {
            return NO_ACCOUNT;
        }
        Row changed = row.with(change.apply(row.account));
        rows.put(id, changed);
        return Reply.json(200, toJson(changed, false));
    }

    /** Counts are made up but stable per id, so clients can assert on them. */
    private Reply stats(long id) {
        Row row = rows.get(id);
        if (row == null || row.account.deleted()) {
            return NO_ACCOUNT;
        }
        SimAccount a = row.account;
        JsonObjectBuilder b = Reply.object()
                .add("user_id", id).add("username", a.username()).add("email", a.email())
                .add("total_domains", id % 5 + 1).add("total_databases", id % 3)
                .add("total_email_accounts", id % 7 + 2).add("total_ssl_certificates", id % 2)
                .add("storage_used", id * 128 % 10_240);
        Reply.addNullable(b, "last_login", id % 3 == 0 ? null : "2025-10-11T10:30:00");
        b.add("account_age_days", Duration.between(a.createdAt(), Instant.now()).toDays());
        return Reply.json(200, b.build());
    }

    private JsonObject toJson(Row row, boolean withDeleted) {
        SimAccount a = row.account;
        JsonObjectBuilder b = Reply.object().add("id", a.id()).add("username", a.username()).add("email", a.email());
        Reply.addNullable(b, "full_name", a.fullName());
        Reply.addNullable(b, "phone", a.phone());
        Reply.addNullable(b, "company", a.company());
        if (a.packageId() instanceof Long l) {
            b.add("package_id", l);
        } else {
            Reply.addNullable(b, "package_id", (String) a.packageId());
        }
        b.add("is_admin", row.admin);
        Reply.addNullable(b, "billing_id", a.billingId());
        b.add("metadata", row.metadata).add("status", a.status());
        Reply.addNullable(b, "suspension_reason", a.suspensionReason());
        b.add("created_at", a.createdAt().toString());
        if (withDeleted) {
            b.add("deleted", a.deleted());
        }
        return b.build();
    }

    List<JsonObject> allAsJson() {
        return rows.values().stream().sorted(Comparator.comparingLong(r -> r.account.id()))
                .map(r -> toJson(r, true)).toList();
    }

    List<SimAccount> liveAccounts() {
        return rows.values().stream().map(Row::account).filter(a -> !a.deleted())
                .sorted(Comparator.comparingLong(SimAccount::id)).toList();
    }

    Optional<SimAccount> account(long id) {
        return Optional.ofNullable(rows.get(id)).map(Row::account);
    }

    int liveCount() {
        return byUsername.size();
    }

    boolean passwordMatches(long id, String password) {
        Row row = rows.get(id);
        return row != null && password != null && MessageDigest.isEqual(
                row.passwordHash.getBytes(StandardCharsets.US_ASCII), sha256(password).getBytes(StandardCharsets.US_ASCII));
    }

    synchronized void clear() {
        rows.clear();
        byUsername.clear();
        byEmail.clear();
        nextId.set(1);
    }

    private static Object packageId(JsonValue v) {
        if (v instanceof JsonNumber n) {
            try {
                return n.longValueExact();
            } catch (ArithmeticException notALong) {
                return n.toString();
            }
        }
        return v instanceof JsonString s ? s.getString() : null;
    }

    private static boolean isTrue(JsonValue v) {
        return v != null && v.getValueType() == JsonValue.ValueType.TRUE;
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }
}
