package com.nextpanel.launch;

import fish.payara.micro.PayaraMicro;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Payara Micro as a child JVM with the application at /: its output goes to a log file (without
 * its colours) and is watched for the end of the boot and for a failed deployment. Each user
 * chooses the JVM's options; {@link #QUICK_BOOT} is what the dev start and the tests use.
 */
public final class PayaraProcess implements AutoCloseable {

    /**
     * For a start on a developer's machine, never a production node: C1 only boots ~10 % faster;
     * not verifying the bytecode of the application's and Payara's own jars (the JDK's is still
     * verified) took the deployment from 5.3 s to 4.9 s, measured alternately, two starts each,
     * on 2 cores. The collector is the caller's choice: server-config/jvm.args names one.
     */
    public static final List<String> QUICK_BOOT = List.of("-XX:TieredStopAtLevel=1",
            "-XX:+UnlockDiagnosticVMOptions", "-XX:-BytecodeVerificationRemote");
    /** App settings (MicroProfile Config reads DB_URL as db.url) a caller's environment must not slip in. */
    private static final List<String> APP_ENV_PREFIXES = List.of("DB_", "BILLING_", "FLEET_", "PANEL_", "JOBS_",
            "MAIL_", "MP_", "STRIPE_");
    // Payara Micro keeps running when the application fails to deploy: its log is the only sign.
    private static final String DEPLOY_FAILED = "Exception while loading the app";
    private static final Pattern COLOURS = Pattern.compile("\u001B\\[[;\\d]*m");
    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final String ARCHIVE = "classes.jsa";
    private static final String CLASS_LIST = "classes.lst";

    /** How the readiness poll ended: HTTP statuses (-1 for no answer), and why it gave up if it did. */
    public record Readiness(boolean ready, boolean timedOut, int api, int health, String failure) {
    }

    private final Process process;
    private final int port;
    private final Path log;
    private final Consumer<String> onLine;
    private final Path bootCache;
    private final List<String> jvmOptions;
    private volatile boolean deployFailed;
    private volatile Instant bootEndedAt;

    private PayaraProcess(Process process, int port, Path log, Consumer<String> onLine, Path bootCache,
                          List<String> jvmOptions) {
        this.process = process;
        this.bootCache = bootCache;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.port = port;
        this.log = log;
        this.onLine = onLine;
    }

    /** Payara Micro on {@code port}, deploying {@code application} (a WAR or an exploded folder; null for none). */
    public static Builder builder(Path application, int port) {
        return new Builder(application, port);
    }

    public static final class Builder {

        private final Path application;
        private final int port;
        private final List<String> jvmOptions = new ArrayList<>();
        private final List<String> microOptions = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private boolean withoutCallersAppSettings;
        private boolean inheritInput;
        private boolean killOnJvmExit;
        private Path directory;
        private Path log;
        private Path bootCache;
        private Consumer<String> onLine = line -> { };

        private Builder(Path application, int port) {
            this.application = application;
            this.port = port;
        }

        public Builder jvmOptions(List<String> options) {
            jvmOptions.addAll(options);
            return this;
        }

        public Builder jvmOptions(String... options) {
            return jvmOptions(Arrays.asList(options));
        }

        /** Payara Micro's own options, after the ones this class gives (e.g. --postbootcommandfile). */
        public Builder microOptions(String... options) {
            microOptions.addAll(Arrays.asList(options));
            return this;
        }

        public Builder env(Map<String, String> variables) {
            env.putAll(variables);
            return this;
        }

        /** App settings by their MicroProfile Config names, passed as environment variables (panel.x-y: PANEL_X_Y). */
        public Builder appConfig(Map<String, String> settings) {
            settings.forEach((key, value) -> env.put(envName(key), value));
            return this;
        }

        /** Drops the app settings of this JVM's environment (DB_*, BILLING_*, …): only the ones given here count. */
        public Builder withoutCallersAppSettings() {
            withoutCallersAppSettings = true;
            return this;
        }

        /** The child reads this JVM's stdin (the dev start's terminal) instead of an unused pipe. */
        public Builder inheritInput() {
            inheritInput = true;
            return this;
        }

        public Builder workingDirectory(Path folder) {
            directory = folder;
            return this;
        }

        /**
         * Payara's runtime unpacked once into {@code folder} and started through its launcher
         * (--outputlauncher: Payara's jars on the JVM's own class path), and the classes a start loads
         * kept there in a class-data sharing archive (AppCDS): a start without the archive lists the
         * classes it loads, and stopping it builds the archive from that list (-Xshare:dump, some
         * seconds, once); the starts after it map those classes instead of finding, parsing and
         * linking them again. Each start gets the configuration as it was unpacked (a kept domain.xml
         * would deploy the last start's application again). The caller keeps the folder for one
         * Payara at a time, per Payara jar and JDK (the archive fits only these); a stale archive is
         * only ignored by the JVM, and deleting the folder renews it. Measured alternately on 2 cores,
         * the demo start: Payara's start to ready 11.7–13.8 s without, 7.1–7.5 s with it (its CPU
         * 12.3–12.9 s, 8.5–9.7 s). JDK 17's dynamic archive (-XX:ArchiveClassesAtExit) was no choice:
         * the start that makes it took 27 s of CPU instead of 12, and Payara run from its own jar
         * (classes in its own class loader) gained nothing from either archive.
         */
        public Builder bootCache(Path folder) {
            bootCache = folder;
            return this;
        }

        /** Required: where Payara's output goes (the file is started anew). */
        public Builder logTo(Path file) {
            log = file;
            return this;
        }

        /** Sees each line of Payara's output, colours removed (the dev start shows the SEVERE ones). */
        public Builder onLogLine(Consumer<String> listener) {
            onLine = listener;
            return this;
        }

        /** SIGKILL from a shutdown hook, for a user without one of its own (a test run stopped with Ctrl-C). */
        public Builder killOnJvmExit() {
            killOnJvmExit = true;
            return this;
        }

        /** The command line {@link #start()} runs. */
        public List<String> command() {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            if (bootCache != null) {
                Path archive = bootCache.resolve(ARCHIVE);
                command.add(Files.isRegularFile(archive) ? "-XX:SharedArchiveFile=" + archive
                        : "-XX:DumpLoadedClassList=" + bootCache.resolve(CLASS_LIST));
            }
            command.addAll(List.of("-jar", bootCache != null ? bootCache.resolve("root/launch-micro.jar").toString()
                    : microJar().toString()));
            if (application != null) {
                command.addAll(List.of("--deploy", application.toString(), "--contextroot", "/"));
            }
            command.addAll(List.of("--port", Integer.toString(port)));
            command.addAll(microOptions);
            command.add("--nohazelcast"); // several nodes coordinate through PostgreSQL, not a cluster
            return command;
        }

        public PayaraProcess start() throws IOException {
            if (log == null) {
                throw new IllegalStateException("no log file given");
            }
            if (bootCache != null) {
                prepareBootCache(bootCache);
            }
            ProcessBuilder builder = new ProcessBuilder(command()).redirectErrorStream(true)
                    .redirectInput(inheritInput ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.PIPE);
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            if (withoutCallersAppSettings) {
                builder.environment().keySet().removeIf(k -> APP_ENV_PREFIXES.stream().anyMatch(k::startsWith));
            }
            builder.environment().putAll(env);
            Process process = builder.start();
            if (killOnJvmExit) {
                Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "payara-" + port + "-kill"));
            }
            PayaraProcess payara = new PayaraProcess(process, port, log, onLine, bootCache, jvmOptions);
            Thread copier = new Thread(payara::copyLog, "payara-" + port + "-log");
            copier.setDaemon(true);
            copier.start();
            return payara;
        }
    }

    /** Unpacks Payara into {@code folder}/root the first time; then puts back the configuration it came with. */
    private static void prepareBootCache(Path folder) throws IOException {
        Path root = folder.resolve("root");
        Path config = folder.resolve("config-as-unpacked");
        if (!Files.isRegularFile(root.resolve("launch-micro.jar")) || !Files.isDirectory(config)) {
            deleteTree(root);
            deleteTree(config);
            Files.deleteIfExists(folder.resolve(ARCHIVE)); // it fits only the jars of the old root folder
            Files.deleteIfExists(folder.resolve(CLASS_LIST));
            Path out = folder.resolve("unpack.log");
            Process unpack = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", microJar().toString(), "--rootdir", root.toString(), "--outputlauncher")
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            try {
                if (unpack.waitFor() != 0) {
                    throw new IOException("unpacking Payara Micro into " + root + " failed, see " + out);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while unpacking Payara Micro", e);
            }
            copyTree(root.resolve("config"), config);
        }
        for (String kept : List.of("config", "applications", "generated")) {
            deleteTree(root.resolve(kept));
        }
        copyTree(config, root.resolve("config"));
    }

    private static void deleteTree(Path top) throws IOException {
        if (Files.exists(top)) {
            try (var paths = Files.walk(top)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Files.copy(path, to.resolve(from.relativize(path).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    /** The Payara Micro jar on this classpath: the version pom.xml names. */
    public static Path microJar() {
        try {
            return Path.of(PayaraMicro.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** MicroProfile Config's environment name of a setting: panel.max-concurrent-calls is PANEL_MAX_CONCURRENT_CALLS. */
    private static String envName(String key) {
        return key.toUpperCase().replaceAll("[^A-Z0-9]", "_");
    }

    private void copyLog() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String plain = COLOURS.matcher(line).replaceAll("");
                out.write(plain);
                out.newLine();
                out.flush();
                onLine.accept(plain);
                if (plain.contains(DEPLOY_FAILED)) {
                    deployFailed = true;
                } else if (bootEndedAt == null && plain.contains("Payara Micro") && plain.contains("ready in")) {
                    bootEndedAt = Instant.now();
                }
            }
        } catch (IOException e) {
            // Payara has gone; its exit code tells the rest
        }
    }

    /**
     * Polls until the app answers, at most {@code atMost}; gives up when Payara exits or its log
     * shows that the application did not deploy. See {@link #awaitApp}.
     */
    public Readiness awaitReady(Duration atMost, boolean healthMayBeMissing) throws InterruptedException {
        return awaitApp(url(), atMost, healthMayBeMissing, () -> {
            if (!process.isAlive()) {
                return "Payara Micro exited with code " + process.exitValue();
            }
            Instant bootEnded = bootEndedAt;
            if (deployFailed || (bootEnded != null && bootEnded.plusSeconds(10).isBefore(Instant.now()))) {
                return "the application did not deploy (see the exception in " + log + ")";
            }
            return null;
        });
    }

    /**
     * Polls the app at {@code url} every 250 ms until it is ready, at most {@code atMost}.
     * Payara opens its port before the application is deployed, so an open port means nothing:
     * ready = the API answers with anything but 404 (deployed) and /health/ready says 200 (or,
     * if {@code healthMayBeMissing}, does not exist). While the app is not deployed, a reason
     * from {@code stopReason} ends the wait.
     */
    public static Readiness awaitApp(String url, Duration atMost, boolean healthMayBeMissing,
                                     Supplier<String> stopReason) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(atMost);
        int api = -1;
        int health = -1;
        while (true) {
            api = status(http, url + "api/v1/nextpanel/servers");
            boolean deployed = api != -1 && api != 404;
            if (deployed) {
                health = status(http, url + "health/ready");
                if (health == 200 || (healthMayBeMissing && health == 404)) {
                    return new Readiness(true, false, api, health, null);
                }
            }
            String stop = deployed ? null : stopReason.get();
            if (stop != null) {
                return new Readiness(false, false, api, health, stop);
            }
            if (Instant.now().isAfter(deadline)) {
                return new Readiness(false, true, api, health, "not ready after " + atMost.toSeconds() + " s (API: "
                        + describe(api) + ", /health/ready: " + describe(health) + ")");
            }
            Thread.sleep(100);
        }
    }

    /** Like {@link #awaitReady(Duration, boolean)} with /health/ready required, but throws if not ready. */
    public void requireReady(Duration atMost) throws InterruptedException {
        Readiness readiness = awaitReady(atMost, false);
        if (!readiness.ready()) {
            throw new IllegalStateException(readiness.failure() + tail(40));
        }
    }

    private static int status(HttpClient http, String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The last lines of the log, for a failure message. */
    private String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return "\n--- last lines of " + log + " ---\n"
                    + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "";
        }
    }

    /** http://127.0.0.1:port/ */
    public String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int exitValue() {
        return process.exitValue();
    }

    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /** SIGTERM (Payara's own hook undeploys cleanly), at most 30 s, then SIGKILL; false if it had to be killed. */
    public boolean stop() {
        boolean stopped = !process.isAlive() || PidFile.stop(process.toHandle(), GRACE);
        if (stopped && buildsArchiveOnStop()) {
            buildArchive();
        }
        return stopped;
    }

    /** Whether {@link #stop()} will build the class-data archive (see {@link Builder#bootCache}): some seconds. */
    public boolean buildsArchiveOnStop() {
        return bootCache != null && !Files.isRegularFile(bootCache.resolve(ARCHIVE))
                && Files.isRegularFile(bootCache.resolve(CLASS_LIST));
    }

    private void buildArchive() {
        Path part = bootCache.resolve(ARCHIVE + ".part");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions); // the archive holds only with the options it was made with
        command.addAll(List.of("-Xshare:dump", "-XX:SharedClassListFile=" + bootCache.resolve(CLASS_LIST),
                "-XX:SharedArchiveFile=" + part, "-jar", bootCache.resolve("root/launch-micro.jar").toString()));
        try {
            Process dump = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(bootCache.resolve("archive.log").toFile()).start();
            if (dump.waitFor() == 0) {
                Files.move(part, bootCache.resolve(ARCHIVE), StandardCopyOption.ATOMIC_MOVE);
            }
            Files.deleteIfExists(part);
            Files.deleteIfExists(bootCache.resolve(CLASS_LIST)); // a failed dump: the next start lists anew
        } catch (IOException e) {
            // the next start goes without the archive and lists its classes again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static String describe(int status) {
        return status == -1 ? "no answer" : "HTTP " + status;
    }
}
