package com.nextpanel.billing.it;

import com.nextpanel.launch.FreePorts;
import com.nextpanel.launch.LocalPostgres;
import com.nextpanel.stripe.FakeStripe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Gives the integration tests a fresh, real PostgreSQL before Arquillian starts Payara: the one
 * named by TEST_DB_URL (CI's local server; the database is dropped and created anew), else an
 * embedded one. Its coordinates reach Payara through arquillian.xml's ${it.*} properties.
 */
public class TestEnvironment implements LauncherSessionListener {

    public static final String ADMIN_TOKEN = "npb_it_admin_token_0123456789abcdefghijklmnop";
    /** base64 of 32 bytes: test-only, and the secret-leak tests look for what it protects. */
    public static final String SECRET_KEY = Base64.getEncoder().encodeToString(
            "it-master-key-32-bytes-long-0001".getBytes());
    /** The key "rotated away from": the app still reads values sealed with it (BILLING_SECRET_PREVIOUS_KEYS). */
    public static final String PREVIOUS_SECRET_KEY = Base64.getEncoder().encodeToString(
            "it-previous-master-key-32-bytes!".getBytes());
    private static final String DATABASE = "billing_it";
    /** The fake Stripe's keys, test-only: Payara gets them through arquillian.xml's ${it.stripe.*}. */
    public static final String STRIPE_SECRET_KEY = "sk_test_it_0123456789abcdef";
    public static final String STRIPE_WEBHOOK_SECRET = "whsec_it_0123456789abcdef";

    private static FakeStripe stripe;

    private LocalPostgres embedded;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty("billing.war") == null) {
            return; // unit tests (surefire) need no database
        }
        try {
            Path data = Path.of(System.getProperty("billing.testData", "target/it-data"));
            Files.createDirectories(data);
            Path log = data.resolve("payara.log");
            try (var old = Files.list(data)) {
                for (Path file : old.filter(f -> f.getFileName().toString().startsWith("payara.log")).toList()) {
                    Files.delete(file);
                }
            }
            System.setProperty("it.log", log.toString());
            System.setProperty("it.secret.key", SECRET_KEY);
            System.setProperty("it.previous.key", PREVIOUS_SECRET_KEY);
            System.setProperty("it.admin.token", ADMIN_TOKEN);
            // nobody listens there now: the tests' mail server (Mailbox) takes it later, while Payara is already up
            System.setProperty("it.smtp.port", Integer.toString(FreePorts.any()));
            stripe = FakeStripe.start(0, STRIPE_SECRET_KEY); // before Payara boots: its address goes on the command line
            System.setProperty("it.stripe.port", Integer.toString(stripe.port()));
            System.setProperty("it.stripe.secret-key", STRIPE_SECRET_KEY);
            System.setProperty("it.stripe.webhook-secret", STRIPE_WEBHOOK_SECRET);
            String given = System.getenv("TEST_DB_URL");
            String adminUrl;
            String user;
            String password;
            if (given != null && !given.isBlank()) {
                adminUrl = given;
                user = env("TEST_DB_USER", "postgres");
                password = env("TEST_DB_PASSWORD", "");
            } else {
                embedded = LocalPostgres.builder().stopOnJvmExit().start();
                adminUrl = embedded.jdbcUrl("postgres");
                user = LocalPostgres.USER;
                password = "";
            }
            System.setProperty("it.db.admin-url", adminUrl);
            System.setProperty("it.db.user", user);
            System.setProperty("it.db.password", password);
            System.setProperty("it.db.url", freshDatabase(DATABASE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the test database", e);
        }
    }

    /** The fake Stripe API the deployed application talks to; tell it the webhook URL with {@code deliverTo}. */
    public static FakeStripe stripe() {
        if (stripe == null) {
            throw new IllegalStateException("The fake Stripe starts with the integration tests' launcher session");
        }
        return stripe;
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (stripe != null) {
            stripe.close();
        }
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * The settings, by MicroProfile Config name, of a server the tests start themselves (beside
     * Arquillian's, which gets them from arquillian.xml): the database, the key and the token.
     */
    public static Map<String, String> appSettings(String dbUrl) {
        return Map.of("db.url", dbUrl,
                "db.user", System.getProperty("it.db.user"),
                "db.password", System.getProperty("it.db.password"),
                "billing.secret.key", SECRET_KEY,
                "billing.admin.token", ADMIN_TOKEN);
    }

    /** The JDBC URL of the test database, for tests that inspect tables directly. */
    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(System.getProperty("it.db.url"), System.getProperty("it.db.user"),
                System.getProperty("it.db.password"));
    }

    /** Runs one INSERT, UPDATE or DELETE; answers the rows it changed. */
    public static int execute(String sql, Object... parameters) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = prepared(c, sql, parameters)) {
            return s.executeUpdate();
        }
    }

    /** Counts rows straight from the database: {@code sql} is a SELECT count(*) with ? parameters. */
    public static long count(String sql, Object... parameters) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = prepared(c, sql, parameters);
                ResultSet rows = s.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** {@code sql} prepared on {@code c}, its ? parameters bound in order; the caller closes it. */
    static PreparedStatement prepared(Connection c, String sql, Object... parameters) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            s.setObject(i + 1, parameters[i]);
        }
        return s;
    }

    /** Everything Payara logged in this run (--logtofile rotates, hence the several files). */
    public static String payaraLog() throws IOException {
        Path log = Path.of(System.getProperty("it.log"));
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(log.getParent())) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("payara.log")).sorted().toList()) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }

    /**
     * Closes the tests' database to new connections and ends the open ones (true), or opens it
     * again (false): the database down, as the application meets it.
     */
    public static void databaseReachable(boolean reachable) throws SQLException {
        try (Connection c = DriverManager.getConnection(System.getProperty("it.db.admin-url"),
                System.getProperty("it.db.user"), System.getProperty("it.db.password"));
                Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + DATABASE + " WITH ALLOW_CONNECTIONS " + reachable);
            if (!reachable) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + DATABASE + "'");
            }
        }
    }

    /** Drops and creates a database on the tests' PostgreSQL server; answers its JDBC URL. */
    public static String freshDatabase(String name) throws SQLException {
        String adminUrl = System.getProperty("it.db.admin-url");
        try (Connection c = DriverManager.getConnection(adminUrl, System.getProperty("it.db.user"),
                System.getProperty("it.db.password")); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        }
        return adminUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
