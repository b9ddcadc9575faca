package com.nextpanel.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.nextpanel.launch.FreePorts;
import com.nextpanel.launch.LocalPostgres;
import com.nextpanel.launch.PayaraProcess;
import com.nextpanel.simulator.NextPanelSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The system under test, all on 127.0.0.1 and all thrown away by {@link #close()}: an embedded
 * PostgreSQL in a temp folder, the WAR on Payara Micro as a child JVM started the way
 * server-config/README.md starts a production node (post-boot commands, default JIT and GC),
 * and NextPanel simulators in this JVM. Close runs from a finally and from a shutdown hook
 * (Ctrl-C), whichever comes first.
 */
final class BenchStack implements AutoCloseable {

    private static final String DATABASE = "billing";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String JVM_ARGS = "server-config/jvm.args";

    private static volatile boolean stoppedBySignal;

    private final String name;
    private final Path work;
    private final Path projectDir = Path.of(System.getProperty("bench.basedir", ".")).toAbsolutePath().normalize();
    private final String adminToken = "npb_bench_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(24));
    private final List<NextPanelSimulator> simulators = new ArrayList<>();
    private final Map<String, String> appConfig = new LinkedHashMap<>();
    private final Thread hook;

    // guarded by this: close() may run from the hook while main is still starting things
    private boolean closed;
    private LocalPostgres postgres;
    private PayaraProcess payara;
    private String jdbcUrl;
    private int port;
    private AppApi api;
    private boolean statementStats;
    /** Takes the app's emails: they are jobs of the same queue as the panel actions measured. */
    private GreenMail mailSink;

    BenchStack(String name) throws IOException {
        this.name = name;
        Stale.reap();
        this.work = Files.createTempDirectory("nextpanel-bench-" + name.toLowerCase() + "-");
        Stale.claim(work);
        this.hook = new Thread(() -> {
            stoppedBySignal = true;
            close();
        }, "bench-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** True once the JVM is going down (Ctrl-C, SIGTERM): what fails after that is no finding. */
    static boolean stoppedBySignal() {
        return stoppedBySignal;
    }

    /** Emails received so far by the stack's mail server. */
    int emailsReceived() {
        return mailSink.getReceivedMessages().length;
    }

    private void startMailSink() throws IOException {
        int smtpPort = FreePorts.any();
        GreenMail sink = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        sink.start();
        synchronized (this) {
            mailSink = sink;
        }
        appConfig.put("mail.smtp.host", "127.0.0.1");
        appConfig.put("mail.smtp.port", String.valueOf(smtpPort));
        appConfig.put("mail.smtp.starttls", "false");
    }

    /** An app setting passed as its environment variable (MicroProfile Config: panel.x-y → PANEL_X_Y). */
    BenchStack config(String key, Object value) {
        appConfig.put(key, String.valueOf(value));
        return this;
    }

    /** Loads pg_stat_statements whatever bench.statements says: the benchmark reads PostgreSQL's time from it. */
    BenchStack statementStats() {
        statementStats = true;
        return this;
    }

    /** PostgreSQL, then Payara with the WAR; returns once the API answers and /health/ready is 200. */
    BenchStack start() throws Exception {
        Path war = Path.of(System.getProperty("bench.war", "target/nextpanel-billing.war")).toAbsolutePath();
        if (!Files.isRegularFile(war)) {
            throw new IllegalStateException(war + " is missing (bench/run builds it with mvn package)");
        }
        // A copy: another engineer's `mvn package` may rewrite target/*.war while Payara reads it.
        Path warCopy = Files.copy(war, work.resolve("nextpanel-billing.war"));
        Path postBoot = projectDir.resolve("server-config/post-boot-commands.asadmin");
        if (!Files.isRegularFile(postBoot)) {
            throw new IllegalStateException(postBoot + " is missing");
        }
        long t0 = System.nanoTime();
        startPostgres();
        long t1 = System.nanoTime();
        startPayara(warCopy, postBoot);
        payara.requireReady(Duration.ofSeconds(Long.getLong("bench.startTimeoutSeconds", 180)));
        long t2 = System.nanoTime();
        Report.info("Payara's JIT: " + (jitFlags().isEmpty() ? "the JVM's default (C1, then C2)"
                : "C1 only (-XX:TieredStopAtLevel=1), as server-config recommends on " + Runtime.getRuntime()
                        .availableProcessors() + " cores") + "; -Dbench.jit=c1|default to choose");
        Report.info(String.format("%s stack up: PostgreSQL %.1f s, Payara Micro + WAR %.1f s (app on 127.0.0.1:%d; work dir %s)",
                name, (t1 - t0) / 1e9, (t2 - t1) / 1e9, port, work));
        return this;
    }

    private void startPostgres() throws IOException, SQLException {
        LocalPostgres.Builder builder = LocalPostgres.builder()
                .dataIn(work.resolve("pg"), false)
                // as a production database would run: commits reach the disk
                .config("fsync", System.getProperty("bench.pg.fsync", "on"))
                .config("synchronous_commit", System.getProperty("bench.pg.fsync", "on"))
                .config("max_connections", "200")
                .config("log_lock_waits", "on") // waits over deadlock_timeout (1 s) land in postgres.log
                .logTo(work.resolve("postgres.log"));
        if (statementStats || Diagnostics.statementsWanted()) {
            builder.config("shared_preload_libraries", "pg_stat_statements");
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("stopped while starting");
            }
            postgres = builder.start();
        }
        Stale.record(work, "postgres.pid", postgres.pid());
        postgres.createDatabaseIfMissing(DATABASE);
        jdbcUrl = postgres.jdbcUrl(DATABASE);
        if (statementStats || Diagnostics.statementsWanted()) {
            // in the postgres database, where the diagnostics connect: its view shows every database's statements
            try (Connection c = statsDb(); Statement s = c.createStatement()) {
                s.execute("CREATE EXTENSION pg_stat_statements");
            }
        }
    }

    /**
     * The JIT a production node of this size runs with (server-config/README.md, "The JVM on
     * small nodes"): C1 only on 2 cores or fewer, the JVM's default above. bench.jit=c1|default
     * chooses either.
     */
    static List<String> jitFlags() {
        String jit = System.getProperty("bench.jit", "auto");
        boolean c1Only = switch (jit) {
            case "c1" -> true;
            case "default" -> false;
            case "auto" -> Runtime.getRuntime().availableProcessors() <= 2;
            default -> throw new IllegalArgumentException("bench.jit is auto, c1 or default, not " + jit);
        };
        return c1Only ? List.of("-XX:TieredStopAtLevel=1") : List.of();
    }

    private void startPayara(Path war, Path postBoot) throws Exception {
        startMailSink();
        port = FreePorts.any();
        api = new AppApi(port, adminToken);
        PayaraProcess.Builder builder = PayaraProcess.builder(war, port)
                .jvmOptions(jitFlags())
                .jvmOptions("@" + projectDir.resolve(JVM_ARGS)) // the node's memory settings
                .jvmOptions(extraJvmOptions())
                .microOptions("--postbootcommandfile", postBoot.toString())
                .workingDirectory(work)
                .withoutCallersAppSettings()
                .env(Map.of("DB_URL", jdbcUrl,
                        "DB_USER", LocalPostgres.USER,
                        "DB_PASSWORD", "postgres", // the embedded server trusts local connections
                        "BILLING_SECRET_KEY", Base64.getEncoder().encodeToString(bytes(32)),
                        "BILLING_ADMIN_TOKEN", adminToken))
                .appConfig(appConfig)
                .logTo(work.resolve("payara.log"));
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("stopped while starting");
            }
            payara = builder.start();
        }
        Stale.record(work, "payara.pid", payara.pid());
    }

    /** -Dbench.payaraJvmArgs: after server-config/jvm.args, so that these win. */
    private static List<String> extraJvmOptions() {
        String extraJvm = System.getProperty("bench.payaraJvmArgs", "").trim();
        return extraJvm.isEmpty() ? List.of() : List.of(extraJvm.split("\\s+"));
    }

    /** The app's API; available once {@link #start()} has returned. */
    AppApi api() {
        return api;
    }

    /** A simulator in this JVM, closed with the stack. */
    NextPanelSimulator simulator(Duration latency) {
        NextPanelSimulator sim = NextPanelSimulator.start();
        synchronized (this) {
            simulators.add(sim);
        }
        sim.setLatency(latency);
        return sim;
    }

    /** The server's own database, for statistics: what the diagnostics ask is not counted against the app's. */
    Connection statsDb() throws SQLException {
        return postgres.connect("postgres");
    }

    /** The app's database, as the superuser (to arrange data). */
    Connection appDb() throws SQLException {
        return postgres.connect(DATABASE);
    }

    /** Payara's JVM options besides the JIT: server-config/jvm.args, then -Dbench.payaraJvmArgs (later ones win). */
    String payaraJvmOptions() throws IOException {
        List<String> options = new ArrayList<>(Files.readAllLines(projectDir.resolve(JVM_ARGS)).stream()
                .map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList());
        options.addAll(extraJvmOptions());
        return String.join(" ", options);
    }

    /** Payara's resident memory now (VmRSS of its JVM), in kB. */
    long payaraRssKb() throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(payara.pid()), "status")).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                .findFirst().orElseThrow(() -> new IOException("no VmRSS for Payara (PID " + payara.pid() + ")"));
    }

    long payaraPid() {
        return payara.pid();
    }

    Path work() {
        return work;
    }

    String configValue(String key) {
        return appConfig.get(key);
    }

    // ---- the end ----

    /** Payara first (it holds DB connections), then the simulators, PostgreSQL and the temp folder. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (payara != null) {
            payara.stop();
        }
        if (mailSink != null) {
            mailSink.stop();
        }
        simulators.forEach(NextPanelSimulator::close);
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("[bench] stopping PostgreSQL: " + e);
            }
        }
        boolean keep = Boolean.getBoolean("bench.keep");
        if (keep) {
            Report.info(name + " work dir kept: " + work + " (payara.log, postgres.log)");
            Stale.release(work);
        } else {
            deleteTree(work);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // we are the hook, the JVM is going down
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("[bench] could not delete " + dir + ": " + e);
        }
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
