package com.nextpanel.bench;

import com.nextpanel.simulator.NextPanelSimulator;
import fish.payara.micro.PayaraMicro;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
    /** The app's configuration comes from the environment too: none of the caller's may leak in. */
    private static final List<String> APP_ENV_PREFIXES = List.of("DB_", "BILLING_", "FLEET_", "PANEL_", "JOBS_", "MP_", "STRIPE_");
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
    private EmbeddedPostgres postgres;
    private Process payara;
    private String jdbcUrl;
    private int port;
    private AppApi api;
    private volatile boolean deployFailed;
    private boolean statementStats;

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

    /** An app setting passed as its environment variable (MicroProfile Config: panel.x-y → PANEL_X_Y). */
    BenchStack config(String key, Object value) {
        appConfig.put(key.toUpperCase().replaceAll("[^A-Z0-9]", "_"), String.valueOf(value));
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
        awaitReady(Duration.ofSeconds(Long.getLong("bench.startTimeoutSeconds", 180)));
        long t2 = System.nanoTime();
        Report.info("Payara's JIT: " + (jitFlags().isEmpty() ? "the JVM's default (C1, then C2)"
                : "C1 only (-XX:TieredStopAtLevel=1), as server-config recommends on " + Runtime.getRuntime()
                        .availableProcessors() + " cores") + "; -Dbench.jit=c1|default to choose");
        Report.info(String.format("%s stack up: PostgreSQL %.1f s, Payara Micro + WAR %.1f s (app on 127.0.0.1:%d; work dir %s)",
                name, (t1 - t0) / 1e9, (t2 - t1) / 1e9, port, work));
        return this;
    }

    private void startPostgres() throws IOException, SQLException {
        Path log = work.resolve("postgres.log");
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(work.resolve("pg"))
                .setCleanDataDirectory(true)
                // as a production database would run: commits reach the disk
                .setServerConfig("fsync", System.getProperty("bench.pg.fsync", "on"))
                .setServerConfig("synchronous_commit", System.getProperty("bench.pg.fsync", "on"))
                .setServerConfig("max_connections", "200")
                .setServerConfig("log_lock_waits", "on") // waits over deadlock_timeout (1 s) land in postgres.log
                .setRegisterShutdownHook(false)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()));
        if (statementStats || Diagnostics.statementsWanted()) {
            builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("stopped while starting");
            }
            postgres = builder.start();
        }
        Stale.record(work, "postgres.pid", postmasterPid());
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE);
        }
        jdbcUrl = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
        if (statementStats || Diagnostics.statementsWanted()) {
            // in the postgres database, where the diagnostics connect: its view shows every database's statements
            try (Connection c = statsDb(); Statement s = c.createStatement()) {
                s.execute("CREATE EXTENSION pg_stat_statements");
            }
        }
    }

    private long postmasterPid() {
        try {
            return Long.parseLong(Files.readAllLines(work.resolve("pg").resolve("postmaster.pid")).get(0).trim());
        } catch (IOException | RuntimeException e) {
            return -1;
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
        port = freePort();
        api = new AppApi(port, adminToken);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jitFlags());
        command.add("@" + projectDir.resolve(JVM_ARGS)); // the node's memory settings
        String extraJvm = System.getProperty("bench.payaraJvmArgs", "").trim();
        if (!extraJvm.isEmpty()) {
            command.addAll(List.of(extraJvm.split("\\s+")));
        }
        command.addAll(List.of("-jar", microJar().toString(),
                "--deploy", war.toString(), "--contextroot", "/", "--port", Integer.toString(port),
                "--postbootcommandfile", postBoot.toString(), "--nohazelcast"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> APP_ENV_PREFIXES.stream().anyMatch(k::startsWith));
        env.put("DB_URL", jdbcUrl);
        env.put("DB_USER", "postgres");
        env.put("DB_PASSWORD", "postgres"); // the embedded server trusts local connections
        env.put("BILLING_SECRET_KEY", Base64.getEncoder().encodeToString(bytes(32)));
        env.put("BILLING_ADMIN_TOKEN", adminToken);
        env.putAll(appConfig);
        Process started;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("stopped while starting");
            }
            started = payara = builder.start();
        }
        Stale.record(work, "payara.pid", started.pid());
        Thread log = new Thread(() -> copyLog(started, work.resolve("payara.log")), name + "-payara-log");
        log.setDaemon(true);
        log.start();
    }

    /** Payara's output to a file, watched for the one sign that the WAR did not deploy. */
    private void copyLog(Process process, Path file) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), true)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.println(line);
                if (line.contains("Exception while loading the app")) {
                    deployFailed = true;
                }
            }
        } catch (IOException e) {
            // Payara has gone; its exit code tells the rest
        }
    }

    /** Payara opens its port before the WAR is deployed: ready means the API answers and /health/ready is 200. */
    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int apiStatus = -1;
        int health = -1;
        while (System.nanoTime() < deadline) {
            if (!payara.isAlive()) {
                throw new IllegalStateException("Payara Micro exited with code " + payara.exitValue() + tail());
            }
            if (deployFailed) {
                throw new IllegalStateException("the WAR did not deploy" + tail());
            }
            apiStatus = api.status("/api/v1/nextpanel/servers");
            if (apiStatus != -1 && apiStatus != 404) {
                health = api.status("/health/ready");
                if (health == 200) {
                    return;
                }
            }
            payara.waitFor(250, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException("not ready after " + timeout.toSeconds() + " s (API: " + apiStatus
                + ", /health/ready: " + health + ")" + tail());
    }

    /** The last lines of Payara's log, for a failure message. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(work.resolve("payara.log"));
            return "\n--- last lines of " + work.resolve("payara.log") + " ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "";
        }
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
        return DriverManager.getConnection(jdbcUrl.replaceFirst("/" + DATABASE + "$", "/postgres"), "postgres", "postgres");
    }

    /** The app's database, as the superuser (to arrange data). */
    Connection appDb() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
    }

    /** Payara's JVM options besides the JIT: server-config/jvm.args, then -Dbench.payaraJvmArgs (later ones win). */
    String payaraJvmOptions() throws IOException {
        List<String> options = new ArrayList<>(Files.readAllLines(projectDir.resolve(JVM_ARGS)).stream()
                .map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList());
        String extraJvm = System.getProperty("bench.payaraJvmArgs", "").trim();
        if (!extraJvm.isEmpty()) {
            options.addAll(List.of(extraJvm.split("\\s+")));
        }
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
        return appConfig.get(key.toUpperCase().replaceAll("[^A-Z0-9]", "_"));
    }

    // ---- the end ----

    /** Payara first (it holds DB connections), then the simulators, PostgreSQL and the temp folder. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (payara != null && payara.isAlive()) {
            payara.destroy(); // SIGTERM: Payara's own hook undeploys cleanly
            try {
                if (!payara.waitFor(30, TimeUnit.SECONDS)) {
                    payara.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                payara.destroyForcibly();
            }
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

    static Path microJar() throws Exception {
        return Path.of(PayaraMicro.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
