package com.nextpanel.dev;

import com.nextpanel.launch.FreePorts;
import com.nextpanel.launch.LocalPostgres;
import com.nextpanel.launch.PayaraProcess;
import com.nextpanel.launch.PidFile;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One-command dev start ({@code mvn -Pserve}): an embedded PostgreSQL unless {@code DB_URL} is
 * set, dev secrets kept in the data folder, then Payara Micro as a child JVM with the WAR at
 * {@code /}. A child JVM boots faster and lighter than Payara inside Maven's JVM.
 * Everything started here is stopped by one shutdown hook, registered before anything starts.
 */
public final class DevServer {

    private static final String TAG = "[serve] ";
    private static final String DATABASE = "billing";
    private static final Duration SLOW_START = Duration.ofSeconds(120);

    /** The application as war:exploded leaves it: a folder Payara deploys without unpacking. */
    private final Path application = Path.of(System.getProperty("serve.app", "target/nextpanel-billing")).toAbsolutePath();
    private final Path data = Path.of(System.getProperty("serve.data", "data")).toAbsolutePath();
    // Outside the data folder, which a first start gets new: the build's folder, renewed by mvn clean.
    private final String bootCacheRoot = System.getProperty("serve.bootCache", "target/payara-boot");
    private final int port = Integer.getInteger("serve.port", 8080);
    private final int pgPort = Integer.getInteger("serve.pgPort", 54329);
    private final int smtpPort = Integer.getInteger("serve.smtpPort", 3025);
    private final boolean demo = Boolean.parseBoolean(System.getProperty("serve.demo", "false"));
    private final String appUrl = "http://localhost:" + port + "/";
    // Payara's PID: a Payara orphaned by a killed launcher still holds the port, the next start stops it
    private final PidFile payaraPid = new PidFile(data.resolve("payara.pid"));

    // Guarded by 'lifecycle': the hook waits for a start in progress, then nothing new starts.
    private final Object lifecycle = new Object();
    private boolean stopping;
    private LocalPostgres postgres;
    private DemoFleet fleet;
    private MailCatcher mail;
    private DemoStripe stripe;
    private PayaraProcess payara;
    private FileLock dataFolderLock; // a field: a collected channel would release the lock
    private FileLock bootCacheLock;

    public static void main(String[] args) throws Exception {
        int exitCode;
        try {
            exitCode = new DevServer().run();
        } catch (RefusedStart e) {
            System.err.println(TAG + "NOT STARTED: " + e.getMessage());
            exitCode = 2;
        }
        // exec:java would otherwise keep Maven's JVM up for the simulators' threads.
        System.exit(exitCode);
    }

    private int run() throws Exception {
        Instant commandStarted = ProcessHandle.current().info().startInstant().orElse(Instant.now());
        boolean externalDb = isSet("DB_URL");
        if (externalDb && !isSet("BILLING_SECRET_KEY")) {
            throw new RefusedStart("DB_URL is set (an external database) but BILLING_SECRET_KEY is not. A start on a"
                    + " real database must bring its own key (base64 of 32 random bytes, e.g. `openssl rand -base64 32`),"
                    + " kept safe: the panel secrets stored in that database can only be read with it.");
        }
        if (!Files.isRegularFile(application.resolve("WEB-INF/web.xml"))) {
            throw new RefusedStart(application + " is missing: build it with `mvn test-compile war:exploded` (mvn -Pserve does).");
        }
        Files.createDirectories(data);
        holdDataFolderLock();
        stopLeftoverPayara();
        requireFreePort(port, "-Dserve.port=8081");

        boolean databaseExisted = Files.exists(data.resolve("pg").resolve("PG_VERSION"));
        DevCredentials.Secret secretKey = DevCredentials.secretKey(data);
        DevCredentials.Secret adminToken = DevCredentials.adminToken(data);
        if (secretKey.generated()) {
            say("generated BILLING_SECRET_KEY into " + secretKey.file()
                    + " (mode 600): keep it with the database, stored panel secrets need it");
            if (databaseExisted && !externalDb) {
                say("WARNING: " + data.resolve("pg") + " was written with another key: the panel secrets stored"
                        + " there cannot be decrypted. Restore the old secret.key, or delete the data folder.");
            }
        }

        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "dev-server-stop"));

        Map<String, String> env = new HashMap<>();
        env.put("BILLING_SECRET_KEY", secretKey.value());
        env.put("BILLING_ADMIN_TOKEN", adminToken.value());
        if (!isSet("BILLING_PUBLIC_URL")) { // links in emails and Stripe's return pages point at this start
            env.put("BILLING_PUBLIC_URL", "http://localhost:" + port);
        }
        String dbDescription;
        if (externalDb) {
            dbDescription = "external, " + System.getenv("DB_URL") + " (from DB_URL)";
        } else {
            String jdbcUrl = LocalPostgres.jdbcUrl(pgPort, DATABASE); // the server starts after Payara, below
            env.put("DB_URL", jdbcUrl);
            env.put("DB_USER", "postgres");
            env.put("DB_PASSWORD", "postgres"); // ignored: the embedded server trusts local connections
            dbDescription = "embedded PostgreSQL, " + jdbcUrl + " (user postgres), data in " + data.resolve("pg");
        }
        if (demo) {
            synchronized (lifecycle) {
                if (!stopping) {
                    fleet = DemoFleet.start();
                    if (!isSet("STRIPE_SECRET_KEY")) {
                        stripe = DemoStripe.start(Integer.getInteger("serve.stripePort", 12111), appUrl, env);
                    }
                }
            }
        }
        String mailDescription = startMailCatcherUnlessMailServerSet(env);

        Instant payaraStarted = Instant.now();
        say("starting Payara Micro " + PayaraProcess.microJar().getFileName() + " on port " + port + " with " + application
                + " (log " + payaraLog() + ")");
        PayaraProcess app;
        synchronized (lifecycle) {
            if (stopping) {
                return 130;
            }
            app = payara = PayaraProcess.builder(application, port)
                    .jvmOptions(PayaraProcess.QUICK_BOOT)
                    .jvmOptions("@" + Path.of("server-config/jvm.args").toAbsolutePath()) // a node's heap, as in production
                    .bootCache(bootCache())
                    .env(env)
                    .inheritInput()
                    .logTo(payaraLog())
                    .onLogLine(line -> {
                        if (line.contains("[SEVERE]")) {
                            System.out.println("[payara] " + line);
                        }
                    })
                    .start();
            payaraPid.write(app.pid());
        }
        // PostgreSQL's initdb and start (about 1.2 s) while Payara boots: the application first
        // connects about 4 s into the boot (Flyway, which retries each second anyway). With Payara's
        // class-data archive this took the demo start from 9.2 to 8.7 s (medians of five, measured
        // alternately on 2 cores); before it, Payara's boot kept both cores busy and it gained nothing.
        if (!externalDb) {
            startEmbeddedPostgres();
        }
        // no time limit: a slow machine gets a word after two minutes, and the wait goes on
        PayaraProcess.Readiness readiness = app.awaitReady(SLOW_START, true);
        if (readiness.timedOut()) {
            say(readiness.failure() + "; still waiting");
            readiness = app.awaitReady(Duration.ofDays(3650), true);
        }
        if (!readiness.ready()) {
            if (adminToken.generated()) {
                printTokenBox(adminToken);
            }
            System.err.println(TAG + "NOT READY: " + readiness.failure() + "; stopping.");
            return app.isAlive() ? 1 : app.exitValue();
        }
        if (fleet != null) { // before "ready": a first call right after it finds the panels registered
            say("demo panels (NextPanel simulators in this JVM):");
            fleet.registerWith(appUrl, adminToken.value());
        }
        Instant ready = Instant.now();

        printBanner(dbDescription, mailDescription, adminToken, seconds(commandStarted, ready),
                seconds(payaraStarted, ready), readiness.health() == 404);
        say("Ctrl-C stops all of it: Payara" + (externalDb ? "" : ", PostgreSQL") + (demo ? ", the simulators" : "") + (stripe != null ? ", the fake Stripe" : "")
                + (mail != null ? ", the mail catcher" : "") + ".");
        return app.waitFor();
    }

    private void startEmbeddedPostgres() throws Exception {
        Path pgData = data.resolve("pg");
        say("starting PostgreSQL on 127.0.0.1:" + pgPort + " (data " + pgData + ", log " + data.resolve("postgres.log") + ")");
        synchronized (lifecycle) {
            if (stopping) {
                throw new RefusedStart("stopped while starting");
            }
            // Fixed port: after a kill -9 zonky finds postmaster.pid and takes the old server over.
            postgres = LocalPostgres.builder()
                    .dataIn(pgData, true)
                    .port(pgPort)
                    .config("fsync", "on")
                    .config("synchronous_commit", "on")
                    .logTo(data.resolve("postgres.log"))
                    .start();
        }
        if (postgres.createDatabaseIfMissing(DATABASE)) {
            say("created database " + DATABASE);
        }
    }

    /** Emails go to MAIL_SMTP_HOST when set, else to a mail catcher in this JVM that saves them as files. */
    private String startMailCatcherUnlessMailServerSet(Map<String, String> env) throws IOException {
        if (isSet("MAIL_SMTP_HOST")) {
            return System.getenv("MAIL_SMTP_HOST") + " (from MAIL_SMTP_HOST)";
        }
        synchronized (lifecycle) {
            if (stopping) {
                throw new RefusedStart("stopped while starting");
            }
            mail = MailCatcher.start(smtpPort, data);
        }
        env.put("MAIL_SMTP_HOST", "127.0.0.1");
        env.put("MAIL_SMTP_PORT", Integer.toString(smtpPort));
        env.put("MAIL_SMTP_STARTTLS", "false"); // the catcher on this machine speaks plain SMTP
        return "caught on 127.0.0.1:" + smtpPort + ", saved in " + mail.folder()
                + " (MAIL_SMTP_HOST names a real server)";
    }

    private void printBanner(String db, String mailServer, DevCredentials.Secret token, double fromCommand,
                             double fromPayara, boolean noHealthCheck) {
        String rule = "-".repeat(78);
        String listCall = "curl -H \"Authorization: Bearer %s\" " + appUrl + "api/v1/nextpanel/servers";
        System.out.println();
        say(rule);
        say(String.format("NextPanel Billing is ready at %s  (%.1f s after the command, %.1f s after Payara started)",
                appUrl, fromCommand, fromPayara));
        say("  Store     " + appUrl + "store/   (customers: plans, sign-up, checkout; the client area at /client/)");
        say("  API       " + appUrl + "api/v1" + (noHealthCheck ? "   (the app has no /health/ready yet)" : ""));
        say("  Database  " + db);
        say("  Mail      " + mailServer);
        say("  Cards     " + (stripe != null ? stripe.describe()
                : isSet("STRIPE_SECRET_KEY") ? "Stripe, from STRIPE_SECRET_KEY" : "off (STRIPE_SECRET_KEY is not set)"));
        say("  Log       " + payaraLog() + " (Payara's own; its SEVERE records also show here)");
        if (token.generated()) {
            printTokenBox(token);
            say("  Try it    " + String.format(listCall, token.value()));
        } else if (token.file() != null) {
            say("  Admin     bearer token kept in " + token.file());
            say("  Try it    " + String.format(listCall, "$(cat " + token.file() + ")"));
        } else {
            say("  Admin     bearer token from the BILLING_ADMIN_TOKEN environment variable");
            say("  Try it    " + String.format(listCall, "$BILLING_ADMIN_TOKEN"));
        }
        say(rule);
    }

    /** The one time a generated token is shown: in the banner, or on the way out if the app never came up. */
    private static void printTokenBox(DevCredentials.Secret token) {
        String line = "  " + token.value() + "  ";
        String title = "  Admin token, generated now and shown only this once:  ";
        String footer = "  kept in " + token.file() + " (mode 600)  ";
        int width = Math.max(line.length(), Math.max(title.length(), footer.length()));
        String edge = "+" + "-".repeat(width) + "+";
        say(edge);
        for (String text : List.of(title, line, footer)) {
            say("|" + text + " ".repeat(width - text.length()) + "|");
        }
        say(edge);
    }

    /** The shutdown hook: Payara first (it holds DB connections), then the simulators and PostgreSQL. */
    private void stopAll() {
        synchronized (lifecycle) {
            stopping = true;
            if (payara != null) {
                if (payara.buildsArchiveOnStop()) {
                    say("saving the classes Payara loaded, for quicker starts from now on (once, about 20–30 s)");
                }
                if (!payara.stop()) {
                    System.err.println(TAG + "Payara did not stop within 30 s: killed it");
                }
                payaraPid.delete();
            }
            if (fleet != null) {
                fleet.close();
            }
            if (mail != null) {
                mail.close();
            }
            if (stripe != null) {
                stripe.close();
            }
            if (postgres != null) {
                try {
                    postgres.close();
                } catch (IOException e) {
                    System.err.println(TAG + "stopping PostgreSQL: " + e);
                }
            }
        }
    }

    /** Two launchers on one data folder would share (and stop) one PostgreSQL: the OS lock dies with us. */
    private void holdDataFolderLock() throws IOException {
        FileChannel channel = FileChannel.open(data.resolve("serve.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        dataFolderLock = channel.tryLock();
        if (dataFolderLock == null) {
            channel.close();
            throw new RefusedStart("another dev server is running on " + data
                    + ": stop it, or give this one its own folder with -Dserve.data=/some/other/folder");
        }
    }

    private void stopLeftoverPayara() {
        payaraPid.liveProcess("payara-micro").ifPresent(orphan -> {
            say("stopping Payara Micro left over from an earlier run (PID " + orphan.pid() + ")");
            PidFile.stop(orphan, Duration.ofSeconds(30));
        });
        payaraPid.delete();
    }

    private static void requireFreePort(int port, String hint) {
        if (!FreePorts.isFree(port)) {
            throw new RefusedStart("port " + port + " is in use (`ss -ltnp 'sport = :" + port + "'` tells by what);"
                    + " stop that program or pick another port, e.g. " + hint);
        }
    }

    /**
     * Payara's boot cache (see {@link PayaraProcess.Builder#bootCache}) for this Payara jar and JDK,
     * or null when another dev start holds it (that one starts as before) or -Dserve.bootCache=none.
     */
    private Path bootCache() throws IOException {
        if (bootCacheRoot.equals("none")) {
            return null;
        }
        String jar = PayaraProcess.microJar().getFileName().toString().replaceFirst("\\.jar$", "");
        Path folder = Path.of(bootCacheRoot).toAbsolutePath().resolve(jar + "-java" + Runtime.version());
        Files.createDirectories(folder);
        FileChannel channel = FileChannel.open(folder.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        bootCacheLock = channel.tryLock();
        if (bootCacheLock == null) {
            channel.close();
            return null;
        }
        return folder;
    }

    private Path payaraLog() {
        return data.resolve("payara.log");
    }

    private static boolean isSet(String variable) {
        String value = System.getenv(variable);
        return value != null && !value.isBlank();
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    private static void say(String line) {
        System.out.println(TAG + line);
    }

    /** A start refused for a reason the user can fix: printed as one clear line, no stack trace. */
    static final class RefusedStart extends RuntimeException {
        RefusedStart(String message) {
            super(message);
        }

        RefusedStart(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
