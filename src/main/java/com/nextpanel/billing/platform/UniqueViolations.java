package com.nextpanel.billing.platform;

import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * A write the schema refused because a unique index already holds the value: two requests raced
 * past the same "is it taken?" check, and the second is told so as a conflict, like the check would have.
 */
public final class UniqueViolations {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final Pattern CONSTRAINT_IN_MESSAGE = Pattern.compile("unique constraint \"([^\"]+)\"");
    private static final Map<String, String> WHAT_EXISTS = Map.of(
            "customer_email_unique", "A customer with this email already exists",
            "plan_name_unique", "A plan with this name already exists",
            "panel_server_name_unique", "A server with this name already exists",
            "payment_external_reference_key", "A payment with this external reference already exists",
            "hosting_account_username_live", "An account with this username already exists");

    private UniqueViolations() {
    }

    /** The conflict for a unique violation anywhere in the exception's causes, if there is one. */
    static Optional<Refusal> in(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                String detail = WHAT_EXISTS.getOrDefault(constraintOf(sql),
                        "This would duplicate a record that already exists");
                return Optional.of(Refusal.conflict(detail + "; it was made at the same moment by another request"));
            }
        }
        return Optional.empty();
    }

    /** The unique index that refused the write, if a unique violation is among the exception's causes. */
    public static Optional<String> violated(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return Optional.of(constraintOf(sql));
            }
        }
        return Optional.empty();
    }

    private static String constraintOf(SQLException e) {
        if (e instanceof PSQLException psql) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            if (server != null && server.getConstraint() != null) {
                return server.getConstraint();
            }
        }
        Matcher named = CONSTRAINT_IN_MESSAGE.matcher(String.valueOf(e.getMessage()));
        return named.find() ? named.group(1) : "";
    }
}
