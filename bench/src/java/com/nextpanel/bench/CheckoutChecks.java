package com.nextpanel.bench;

import com.nextpanel.simulator.NextPanelSimulator;
import com.nextpanel.stripe.WebhookDelivery;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * P7's checks after the payments: what the webhooks answered, the money (one payment per invoice,
 * every invoice paid) and the accounts (one per customer on the panels, all active).
 */
final class CheckoutChecks {

    private CheckoutChecks() {
    }

    static void check(Report report, Connection db, List<NextPanelSimulator> sims, List<WebhookDelivery> deliveries,
            Map<String, Integer> returns, int n) throws Exception {
        Map<String, Integer> outcomes = new TreeMap<>();
        for (WebhookDelivery d : deliveries) {
            String outcome = d.status() == 200 ? new AppApi.Reply(200, d.body()).json().getString("outcome")
                    : "HTTP " + d.status() + " " + new AppApi.Reply(d.status(), d.body()).shortBody();
            outcomes.merge(outcome, 1, Integer::sum);
        }
        int races = (n + 49) / 50;
        int twice = n / 5;
        int replayed = outcomes.getOrDefault("replayed", 0);
        int applied = outcomes.getOrDefault("applied", 0);
        // every twice-delivered event replays once; each race replays on one side (the webhook, or the return page)
        report.check("webhook deliveries", String.format("%d: %s; return pages %s (%d raced their webhook);"
                        + " replays %d (expected %d to %d)", deliveries.size(), outcomes, returns, races, replayed, twice,
                twice + races), deliveries.size() == n + twice && applied + replayed == deliveries.size()
                        && replayed >= twice && replayed <= twice + races && returns.getOrDefault("200 paid", 0) == races,
                "webhook deliveries " + outcomes + ", return pages " + returns);
        String measured = " JOIN customer c ON c.id = i.customer_id AND c.email LIKE 'p7-%'";
        long payments = count(db, "SELECT count(*) FROM payment p JOIN invoice i ON i.id = p.invoice_id" + measured);
        long duplicates = count(db, "SELECT count(*) FROM (SELECT p.invoice_id FROM payment p JOIN invoice i"
                + " ON i.id = p.invoice_id" + measured + " GROUP BY p.invoice_id HAVING count(*) > 1) d");
        long paid = count(db, "SELECT count(*) FROM invoice i" + measured + " WHERE i.status = 'paid'");
        long onPanels = sims.stream().mapToLong(NextPanelSimulator::accountCount).sum();
        long activeOnPanels = sims.stream().flatMap(s -> s.accounts().stream()).filter(a -> a.status().equals("active")).count();
        long usernames = sims.stream().flatMap(s -> s.accounts().stream()).map(a -> a.username()).distinct().count();
        report.check("money and accounts", String.format("payments %d, invoices paid %d, invoices paid twice %d;"
                        + " accounts on the panels %d %s (active %d, duplicate usernames %d); expected %d, %d, 0; %d (%d, 0)",
                payments, paid, duplicates, onPanels, sims.stream().map(NextPanelSimulator::accountCount).toList(),
                activeOnPanels, onPanels - usernames, n, n, n, n),
                payments == n && paid == n && duplicates == 0 && onPanels == n && activeOnPanels == n && usernames == n,
                "payments " + payments + ", paid " + paid + ", duplicates " + duplicates + ", on the panels " + onPanels);
        Report.info("jobs by status (warm-up included): " + rows(db, "SELECT kind || ' ' || status, count(*) FROM panel_job"
                + " GROUP BY 1 ORDER BY 1")
                + "; services by status: " + rows(db, "SELECT status, count(*) FROM service GROUP BY 1 ORDER BY 1"));
    }

    static long count(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String rows(Connection db, String sql) throws Exception {
        Map<String, Long> found = new TreeMap<>();
        try (Statement s = db.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            while (rows.next()) {
                found.put(rows.getString(1), rows.getLong(2));
            }
        }
        return found.toString();
    }
}
