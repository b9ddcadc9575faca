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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
     * For a start on a developer's machine, never a production node: C1 only and the serial
     * collector boot ~10 % faster and ~80 MB lighter; not verifying the bytecode of the
     * application's and Payara's own jars (the JDK's is still verified) took the deployment from
     * 5.3 s to 4.9 s, measured alternately, two starts each, on 2 cores.
     */
    public static final List<String> QUICK_BOOT = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-XX:+UnlockDiagnosticVMOptions", "-XX:-BytecodeVerificationRemote");
    /** App settings (MicroProfile Config reads DB_URL as db.url) a caller's environment must not slip in. */
    private static final List<String> APP_ENV_PREFIXES = List.of("DB_", "BILLING_", "FLEET_", "PANEL_", "JOBS_",
            "MAIL_", "MP_", "STRIPE_");
    // Payara Micro keeps running when the application fails to deploy: its log is the only sign.
    private static final String DEPLOY_FAILED = "Exception while loading the app";
    private static final Pattern COLOURS = Pattern.compile("\u001B\\[[;\\d]*m");
    private static final Duration GRACE = Duration.ofSeconds(30);

    /** How the readiness poll ended: HTTP statuses (-1 for no answer), and why it gave up if it did. */
    public record Readiness(boolean ready, boolean timedOut, int api, int health, String failure) {
    }

    private final Process process;
    private final int port;
    private final Path log;
    private final Consumer<String> onLine;
    private volatile boolean deployFailed;
    private volatile Instant bootEndedAt;

    private PayaraProcess(Process process, int port, Path log, Consumer<String> onLine) {
        this.process = process;
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
            command.addAll(List.of("-jar", microJar().toString()));
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
            PayaraProcess payara = new PayaraProcess(process, port, log, onLine);
            Thread copier = new Thread(payara::copyLog, "payara-" + port + "-log");
            copier.setDaemon(true);
            copier.start();
            return payara;
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
        return !process.isAlive() || PidFile.stop(process.toHandle(), GRACE);
    }

    @Override
    public void close() {
        stop();
    }

    private static String describe(int status) {
        return status == -1 ? "no answer" : "HTTP " + status;
    }
}
