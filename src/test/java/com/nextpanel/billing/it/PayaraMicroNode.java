package com.nextpanel.billing.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Payara Micro node as a child JVM, started the way the dev launcher and the benchmarks start
 * one (C1 only, serial GC, --nohazelcast), for tests that need more than the one node Arquillian
 * gives a class. Its output goes to a log file.
 */
final class PayaraMicroNode implements AutoCloseable {

    /** The app's configuration comes from the environment too: none of the test JVM's may leak in. */
    private static final List<String> APP_ENV_PREFIXES = List.of("DB_", "BILLING_", "FLEET_", "PANEL_", "JOBS_",
            "MAIL_", "MP_");

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private PayaraMicroNode(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the node; {@link #awaitReady(Duration)} waits for it. */
    static PayaraMicroNode start(String name, Path war, Map<String, String> env, List<String> systemProperties,
            Path logDir) throws IOException {
        int port = freePort();
        Path log = logDir.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss1m"));
        command.addAll(systemProperties);
        command.addAll(List.of("-jar", System.getProperty("payara.microJar"), "--deploy", war.toString(),
                "--contextroot", "/", "--port", Integer.toString(port), "--nohazelcast"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().keySet().removeIf(k -> APP_ENV_PREFIXES.stream().anyMatch(k::startsWith));
        builder.environment().putAll(env);
        Process process = builder.start();
        // a test JVM stopped before its @AfterAll (Ctrl-C) must not leave the node holding its port
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, name + "-stop"));
        return new PayaraMicroNode(name, process, port, log);
    }

    /**
     * Payara opens its port before the WAR is deployed: ready means the API answers with anything
     * but 404 and /health/ready says 200. Fails at once if the node exits.
     */
    void awaitReady(Duration atMost) {
        Api anonymous = Api.anonymous(url());
        await(name + " ready").atMost(atMost).pollInterval(Duration.ofMillis(500))
                .ignoreException(UncheckedIOException.class)
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(name + " exited with code " + process.exitValue()
                                + "; see " + log);
                    }
                    int api = anonymous.get("/api/v1/nextpanel/servers").status();
                    return api != 404 && anonymous.get("/health/ready").status() == 200;
                });
    }

    URL url() {
        try {
            return new URL("http://127.0.0.1:" + port + "/");
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM (Payara undeploys cleanly), at most 30 s, then SIGKILL. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static Path copyOf(Path war, Path dir) throws IOException {
        Files.createDirectories(dir);
        return Files.copy(war, dir.resolve(war.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
