package com.nextpanel.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * P6's data, written with SQL: {@code rows} customers, each with one order, hosting account,
 * service, paid invoice (with its line), provisioning job, audit line and welcome email, the
 * accounts in equal blocks on the given servers (the first rows/servers on the first server, and
 * so on). Service i is due on the billing day when i is a multiple of 1,000: its renewal invoice
 * is issued that day, or, for a multiple of 10,000, its invoice fell due 3 days ago unpaid, so
 * that day marks it overdue and suspends it (one such account per server).
 * <p>
 * Loaded as a restore would: foreign-key triggers off for the session and the plain indexes
 * dropped first and built again at the end (maintaining them row by row made the load 3-5 times
 * slower). Then VACUUM ANALYZE, as autovacuum would have done on a database this old.
 */
final class ScaleSeed {

    /** Every multiple of this service id is due on the billing day. */
    static final int DUE_EVERY = 1_000;
    /** Every multiple of this one is overdue instead (and so also a multiple of DUE_EVERY). */
    static final int OVERDUE_EVERY = 10_000;

    private static final List<String> TABLES = List.of("customer", "hosting_order", "hosting_account", "service",
            "invoice", "invoice_line", "panel_job", "audit_log", "email_outbox");

    private ScaleSeed() {
    }

    /** Ids of the services (and their accounts) suspended on the billing day. */
    static List<Long> overdueIds(int rows) {
        List<Long> ids = new ArrayList<>();
        for (long i = OVERDUE_EVERY; i <= rows; i += OVERDUE_EVERY) {
            ids.add(i);
        }
        return ids;
    }

    /** Which of the servers account i is on (0-based). */
    static int serverIndex(long accountId, int rows, int servers) {
        return (int) ((accountId - 1) / (rows / servers));
    }

    static void seed(Connection db, int rows, List<Long> serverIds, LocalDate today) throws SQLException {
        String servers = "(ARRAY[" + serverIds.stream().map(String::valueOf).collect(Collectors.joining(",")) + "]::bigint[])";
        String day = "DATE '" + today + "'";
        // row i's creation time: a year back for the first, now for the last
        String rowsOf = "(SELECT i, now() - (" + rows + " - i) * interval '30 seconds' AS t FROM generate_series(1, "
                + rows + ") i) g";
        List<String> plainIndexes = new ArrayList<>();
        try (Statement s = db.createStatement()) {
            s.execute("SET session_replication_role = replica"); // no foreign-key triggers: the rows are consistent
            s.execute("SET maintenance_work_mem = '256MB'");
            try (ResultSet r = s.executeQuery("SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)"
                    + " FROM pg_index i WHERE i.indrelid::regclass::text IN (" + TABLES.stream().map(t -> "'" + t + "'")
                    .collect(Collectors.joining(",")) + ") AND NOT EXISTS (SELECT 1 FROM pg_constraint c"
                    + " WHERE c.conindid = i.indexrelid)")) {
                while (r.next()) {
                    plainIndexes.add(r.getString(1) + "\t" + r.getString(2));
                }
            }
            for (String index : plainIndexes) {
                s.execute("DROP INDEX " + index.split("\t")[0]);
            }
            s.execute("INSERT INTO plan (name, price, currency, billing_cycle, package_id, created_at)"
                    + " VALUES ('Scale', 9.99, 'USD', 'monthly', 1, now())");
            s.execute("INSERT INTO customer (id, email, full_name, created_at)"
                    + " SELECT i, 'user' || i || '@example.com', 'Customer ' || i, t FROM " + rowsOf);
            s.execute("INSERT INTO hosting_order (id, customer_id, plan_id, username, status, created_at, paid_at, updated_at)"
                    + " SELECT i, i, (SELECT id FROM plan WHERE name = 'Scale'), 'user' || i, 'active', t, t, t FROM " + rowsOf);
            // an overdue account is the only account its panel simulator holds, as its user 1
            s.execute("INSERT INTO hosting_account (id, server_id, panel_user_id, username, email, full_name, package_id,"
                    + " customer_id, order_id, status, slot_held, created_at, updated_at)"
                    + " SELECT i, " + servers + "[(i - 1) / " + rows / serverIds.size() + " + 1],"
                    + " CASE WHEN i % " + OVERDUE_EVERY + " = 0 THEN 1 ELSE i END, 'user' || i, 'user' || i || '@example.com',"
                    + " 'Customer ' || i, 1, i, i, 'active', true, t, t FROM " + rowsOf);
            s.execute("INSERT INTO service (id, customer_id, plan_id, order_id, account_id, status, next_due_date,"
                    + " created_at, updated_at)"
                    + " SELECT i, i, (SELECT id FROM plan WHERE name = 'Scale'), i, i, 'active',"
                    + " CASE WHEN i % " + OVERDUE_EVERY + " = 0 THEN " + day + " - 3"
                    + " WHEN i % " + DUE_EVERY + " = 0 THEN " + day + " + 7" // billing.invoice-days-before
                    + " ELSE " + day + " + 8 + i % 23 END, t, t FROM " + rowsOf);
            s.execute("INSERT INTO invoice (id, number, customer_id, order_id, service_id, period_start, period_end, total,"
                    + " currency, due_date, status, issued_at, paid_at)"
                    + " SELECT s.id, 'INV-' || lpad(s.id::text, 7, '0'), s.id, s.id, s.id, s.next_due_date - 30,"
                    + " s.next_due_date, 9.99, 'USD', s.next_due_date - 30, 'paid', s.created_at, s.created_at FROM service s");
            s.execute("INSERT INTO invoice (id, number, customer_id, order_id, service_id, period_start, period_end, total,"
                    + " currency, due_date, status, issued_at)"
                    + " SELECT " + rows + " + s.id / " + OVERDUE_EVERY + ", 'INV-' || (" + rows + " + s.id / " + OVERDUE_EVERY
                    + "), s.id, s.id, s.id, s.next_due_date, s.next_due_date + 30, 9.99, 'USD', s.next_due_date, 'unpaid',"
                    + " now() - interval '10 days' FROM service s WHERE s.id % " + OVERDUE_EVERY + " = 0");
            s.execute("INSERT INTO invoice_line (invoice_id, position, description, amount)"
                    + " SELECT id, 1, 'Hosting plan Scale', 9.99 FROM invoice");
            s.execute("INSERT INTO panel_job (id, kind, account_id, status, attempts, max_attempts, next_attempt_at,"
                    + " requested_by, created_at, updated_at, finished_at)"
                    + " SELECT i, 'PROVISION', i, 'done', 1, 8, t, 'system', t, t, t FROM " + rowsOf);
            // after the lines the servers' registration wrote
            s.execute("INSERT INTO audit_log (id, at, actor, action, target_type, target_id, outcome, detail)"
                    + " SELECT (SELECT max(id) FROM audit_log) + i, t, 'system', 'account.provision', 'account', i, 'SUCCESS',"
                    + " 'created on the panel' FROM "
                    + rowsOf);
            s.execute("INSERT INTO email_outbox (id, recipient, subject, template, status, attempts,"
                    + " account_id, created_at, sent_at)"
                    + " SELECT i, 'user' || i || '@example.com', 'Your hosting account is ready', 'welcome', 'sent', 1, i,"
                    + " t, t FROM " + rowsOf);
            for (String index : plainIndexes) {
                s.execute(index.split("\t")[1]);
            }
            s.execute("UPDATE panel_server p SET current_accounts = (SELECT count(*) FROM hosting_account a"
                    + " WHERE a.server_id = p.id AND a.slot_held)");
            for (String table : List.of("customer", "hosting_order", "service", "invoice")) {
                s.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), (SELECT max(id) FROM " + table + "))");
            }
            // the app takes ids from these in blocks of 50 (V5, V7): its first block starts after the last id
            for (String table : List.of("hosting_account", "panel_job", "audit_log", "email_outbox")) {
                s.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), (SELECT max(id) FROM " + table
                        + ") + 50, false)");
            }
            s.execute("SELECT setval('invoice_number_seq', " + rows + " * 2)");
            s.execute("SET session_replication_role = DEFAULT");
            s.execute("VACUUM ANALYZE");
        }
    }
}
