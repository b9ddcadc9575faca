package com.nextpanel.billing.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Statements that stand alone: each runs on a pooled connection in autocommit, outside any
 * transaction. A hot path whose writes fit in one statement (data-modifying CTEs) pays one
 * round trip for them, where a JTA transaction costs a round trip per statement and a COMMIT,
 * and holds its row locks until then. The SQL uses JPA's numbered parameters (?1, ?2, …, each
 * maybe more than once), so that it can share fragments with native JPA queries.
 */
@ApplicationScoped
public class StandaloneStatements {

    private static final Pattern NUMBERED = Pattern.compile("\\?(\\d+)");
    private static final String UNIQUE_VIOLATION = "23505";

    @Resource(lookup = Database.JNDI_NAME)
    DataSource database;

    private final Map<String, Positional> positional = new ConcurrentHashMap<>();

    /** Maps the current row of a result. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** A unique index refused the statement's row: nothing was written. */
    public static final class UniqueViolation extends RuntimeException {
        private final String constraint;

        UniqueViolation(String constraint, SQLException cause) {
            super("unique constraint " + constraint + " refused the row", cause);
            this.constraint = constraint;
        }

        public String constraint() {
            return constraint;
        }
    }

    /** Runs {@code sql} alone and maps the rows it answers (a data-modifying statement's RETURNING). */
    public <T> List<T> query(String sql, Row<T> row, Object... parameters) {
        Positional jdbc = positional.computeIfAbsent(sql, Positional::of);
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement statement = connection.prepareStatement(jdbc.sql())) {
                for (int i = 0; i < jdbc.numbers().length; i++) {
                    bind(statement, i + 1, parameters[jdbc.numbers()[i] - 1]);
                }
                List<T> rows = new ArrayList<>();
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        rows.add(row.map(result));
                    }
                }
                return rows;
            }
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new UniqueViolation(constraintOf(e), e);
            }
            throw new PersistenceException(e);
        }
    }

    /**
     * A null is bound as varchar (cast it where its column is not text): bound without a type, it
     * makes the driver describe the statement, and from then on it syncs with the server before
     * each execution of that statement, a round trip more each time. An Instant is bound as
     * InstantConverter binds it for the entities.
     */
    private static void bind(PreparedStatement statement, int position, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(position, Types.VARCHAR);
        } else if (value instanceof Instant instant) {
            statement.setObject(position, instant.atOffset(ZoneOffset.UTC));
        } else {
            statement.setObject(position, value);
        }
    }

    /** JDBC numbers parameters by position: each ?n becomes ?, and the value n is bound at each place. */
    private record Positional(String sql, int[] numbers) {
        static Positional of(String numberedSql) {
            Matcher numbered = NUMBERED.matcher(numberedSql);
            StringBuilder sql = new StringBuilder(numberedSql.length());
            List<Integer> numbers = new ArrayList<>();
            while (numbered.find()) {
                numbers.add(Integer.parseInt(numbered.group(1)));
                numbered.appendReplacement(sql, "?");
            }
            numbered.appendTail(sql);
            return new Positional(sql.toString(), numbers.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    private static String constraintOf(SQLException e) {
        if (e instanceof org.postgresql.util.PSQLException psql && psql.getServerErrorMessage() != null) {
            return psql.getServerErrorMessage().getConstraint();
        }
        return "";
    }
}
