package com.nextpanel.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL statements the app sent, from pg_stat_statements (loaded with -Dbench.profile=true): how
 * many per request and which ones most often. Counts every database connection to 'billing',
 * so the app's background timers are included.
 */
final class SqlStatements {

    private SqlStatements() {
    }

    /** Forgets the statement counts so far (needs -Dbench.profile=true, which loads pg_stat_statements). */
    static void reset(BenchStack stack) throws SQLException {
        try (Connection c = stack.statsDb()) {
            reset(c);
        }
    }

    static void reset(Connection db) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("SELECT pg_stat_statements_reset()");
        }
    }

    static void print(BenchStack stack, int requests, int top) throws SQLException {
        try (Connection c = stack.statsDb()) {
            print(c, requests, top);
        }
    }

    static void print(Connection db, int requests, int shown) throws SQLException {
        String sql = "SELECT s.calls, s.total_exec_time, regexp_replace(s.query, '\\s+', ' ', 'g')"
                + " FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid"
                + " WHERE d.datname = 'billing' ORDER BY s.calls DESC";
        long calls = 0;
        double time = 0;
        List<String> top = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                calls += rs.getLong(1);
                time += rs.getDouble(2);
                if (top.size() < shown) {
                    String query = rs.getString(3);
                    top.add(String.format("  %6.2f/request %7.3f ms each  %s", rs.getLong(1) / (double) requests,
                            rs.getDouble(2) / rs.getLong(1), query.length() > 150 ? query.substring(0, 150) + "…" : query));
                }
            }
        }
        Report.info(String.format("statements (pg_stat_statements): %.1f per request (BEGIN/COMMIT included), %.2f ms of"
                + " execution per request in PostgreSQL; most frequent:", calls / (double) requests, time / requests));
        top.forEach(Report::info);
    }

    /** PostgreSQL's execution time since the last reset, statements starting with {@code exceptPrefix} left out. */
    record Time(double seconds, long statements) {
    }

    static Time time(BenchStack stack, String exceptPrefix) throws SQLException {
        try (Connection c = stack.statsDb(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(sum(s.total_exec_time), 0), coalesce(sum(s.calls), 0)"
                     + " FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = 'billing'"
                     + " AND s.query NOT LIKE '" + exceptPrefix.replace("'", "''") + "%'")) {
            rs.next();
            return new Time(rs.getDouble(1) / 1000, rs.getLong(2));
        }
    }

    /** The statements that took most of PostgreSQL's time since the last reset. */
    static void printSlowest(BenchStack stack, String exceptPrefix, int shown) throws SQLException {
        try (Connection c = stack.statsDb(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT s.calls, s.total_exec_time, regexp_replace(s.query, '\\s+', ' ', 'g')"
                     + " FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = 'billing'"
                     + " AND s.query NOT LIKE '" + exceptPrefix.replace("'", "''") + "%'"
                     + " ORDER BY s.total_exec_time DESC LIMIT " + shown)) {
            Report.info("where PostgreSQL's time went:");
            while (rs.next()) {
                String query = rs.getString(3);
                Report.info(String.format("  %8.1f ms in %,6d calls  %s", rs.getDouble(2), rs.getLong(1),
                        query.length() > 160 ? query.substring(0, 160) + "…" : query));
            }
        }
    }
}
