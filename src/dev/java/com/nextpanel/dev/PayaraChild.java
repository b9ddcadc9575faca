package com.nextpanel.dev;

import fish.payara.micro.PayaraMicro;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Payara Micro as a child JVM: it boots faster and lighter than inside Maven's JVM. Its log goes
 * to a file; only its SEVERE records reach the console. Its PID is kept in the data folder so
 * that a Payara orphaned by a killed launcher, which still holds the HTTP port, is stopped by
 * the next start.
 */
final class PayaraChild {

    /** What the readiness poll ended on: HTTP statuses (-1 for no answer), or why it gave up. */
    record Readiness(boolean ready, int api, int health, String failure) {
    }

    // Payara Micro keeps running when the WAR fails to deploy: its log is the only sign.
    private static final String DEPLOY_FAILED = "Exception while loading the app";
    private static final String PAYARA_READY = "ready in";
    private static final Pattern COLOURS = Pattern.compile("\u001B\\[[;\\d]*m");

    private final Process process;
    private final Path pidFile;
    private final Path logFile;
    private volatile boolean deployFailed;
    private volatile Instant payaraReadyAt;

    private PayaraChild(Process process, Path pidFile, Path logFile) {
        this.process = process;
        this.pidFile = pidFile;
        this.logFile = logFile;
    }

    static Path microJar() throws Exception {
        return Path.of(PayaraMicro.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    static PayaraChild start(Path application, int port, Map<String, String> env, Path pidFile, Path logFile) throws Exception {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // C1 only and the serial collector: boots ~10 % faster and ~80 MB lighter.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "@" + Path.of("server-config/jvm.args").toAbsolutePath(), // a node's heap, as in production
                "-jar", microJar().toString(),
                "--deploy", application.toString(), "--contextroot", "/", "--port", Integer.toString(port),
                "--nohazelcast");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        Files.writeString(pidFile, Long.toString(process.pid()));
        PayaraChild child = new PayaraChild(process, pidFile, logFile);
        Thread log = new Thread(child::forwardLog, "payara-log");
        log.setDaemon(true);
        log.start();
        return child;
    }

    /**
     * Writes Payara's log to the log file (without its colours), shows its SEVERE records on the
     * console, and watches it for the end of the boot.
     */
    private void forwardLog() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             BufferedWriter log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                     StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String plain = COLOURS.matcher(line).replaceAll("");
                log.write(plain);
                log.newLine();
                log.flush();
                if (plain.contains("[SEVERE]")) {
                    System.out.println("[payara] " + plain);
                }
                if (plain.contains(DEPLOY_FAILED)) {
                    deployFailed = true;
                } else if (payaraReadyAt == null && plain.contains("Payara Micro") && plain.contains(PAYARA_READY)) {
                    payaraReadyAt = Instant.now();
                }
            }
        } catch (IOException e) {
            // Payara has gone; its exit code tells the rest
        }
    }

    /** Stops a Payara Micro whose PID the file names, if it is one (PIDs get reused). */
    static void reapOrphan(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle orphan = ProcessHandle.of(pid).filter(ProcessHandle::isAlive).orElse(null);
            if (orphan != null && commandLine(orphan).contains("payara-micro")) {
                System.out.println("[serve] stopping Payara Micro left over from an earlier run (PID " + pid + ")");
                orphan.destroy();
                try {
                    orphan.onExit().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    orphan.destroyForcibly();
                    orphan.onExit().join();
                }
            }
        } catch (NumberFormatException e) {
            // not ours to interpret: just drop the file
        }
        Files.delete(pidFile);
    }

    /**
     * Polls until the app answers; Payara opens its port before the WAR is deployed, so an open
     * port means nothing. Ready = the API answers with anything but 404 (deployed) and
     * /health/ready says 200 (or does not exist yet). Gives up when Payara exits or its log
     * shows that the WAR did not deploy.
     */
    Readiness awaitReady(int port) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant since = Instant.now();
        boolean warned = false;
        int api = -1;
        int health = -1;
        while (process.isAlive()) {
            api = status(http, port, "api/v1/nextpanel/servers");
            boolean deployed = api != -1 && api != 404;
            if (deployed) {
                health = status(http, port, "health/ready");
                if (health == 200 || health == 404) {
                    return new Readiness(true, api, health, null);
                }
            }
            Instant bootEnded = payaraReadyAt;
            if (deployFailed || (!deployed && bootEnded != null && bootEnded.plusSeconds(10).isBefore(Instant.now()))) {
                return new Readiness(false, api, health, "the WAR did not deploy (see the exception in " + logFile + ")");
            }
            if (!warned && Duration.between(since, Instant.now()).toSeconds() >= 120) {
                warned = true;
                System.out.println("[serve] not ready after 120 s (API: " + describe(api) + ", /health/ready: "
                        + describe(health) + "); still waiting");
            }
            process.waitFor(250, TimeUnit.MILLISECONDS);
        }
        return new Readiness(false, api, health, "Payara Micro exited with code " + process.exitValue());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /** SIGTERM (Payara's own hook undeploys cleanly), at most 30 s, then SIGKILL. */
    void stop() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    System.err.println("[serve] Payara did not stop within 30 s: killing it");
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        }
        if (!process.isAlive()) {
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException e) {
                // the next start checks the PID's command line anyway
            }
        }
    }

    private static int status(HttpClient http, int port, String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/" + path))
                    .timeout(Duration.ofSeconds(5)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String commandLine(ProcessHandle process) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException | UncheckedIOException e) {
            return process.info().commandLine().orElse("");
        }
    }

    private static String describe(int status) {
        return status == -1 ? "no answer" : "HTTP " + status;
    }
}
