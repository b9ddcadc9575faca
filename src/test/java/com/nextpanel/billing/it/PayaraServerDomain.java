package com.nextpanel.billing.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A fresh Payara Server 6 (full) domain, configured as server-config/README.md tells an operator
 * to: the app's settings as files in the domain's config/billing folder, then
 * server-config/payara-server.asadmin as the post-boot command file, then the WAR deployed
 * unchanged. Driven through asadmin, as an operator would.
 */
final class PayaraServerDomain implements AutoCloseable {

    private static final String NAME = "billing";
    /** Ports a domain takes above its port base: admin, HTTP, HTTPS, IIOP (3), JMX, OSGi shell, JMS. */
    private static final int[] PORT_OFFSETS = {48, 80, 81, 37, 38, 39, 86, 66, 76, 9};

    private final Path asadmin;
    private final Path domains;
    private final int portBase;
    private boolean started;

    private PayaraServerDomain(Path asadmin, Path domains, int portBase) {
        this.asadmin = asadmin;
        this.domains = domains;
        this.portBase = portBase;
    }

    /** Creates and starts a domain that reads {@code config}, and deploys {@code war} at /. */
    static PayaraServerDomain start(Path payaraHome, Path domains, Path serverConfig, Path war,
                                    Map<String, String> config) throws IOException, InterruptedException {
        deleteTree(domains);
        PayaraServerDomain domain = new PayaraServerDomain(payaraHome.resolve("bin/asadmin"), domains, freePortBase());
        domain.asadmin("create-domain", "--nopassword", "--portbase", Integer.toString(domain.portBase),
                "--domaindir", domains.toString(), NAME);
        domain.writeConfig(config);
        domain.started = true;
        domain.asadmin("start-domain", "--postbootcommandfile", serverConfig.resolve("payara-server.asadmin").toString(),
                "--domaindir", domains.toString(), NAME);
        domain.asadmin("--port", Integer.toString(domain.portBase + 48), "deploy", "--contextroot", "/", "--name", NAME,
                war.toString());
        domain.awaitReady();
        return domain;
    }

    URL url() {
        try {
            return URI.create("http://127.0.0.1:" + (portBase + 80) + "/").toURL();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Path serverLog() {
        return domains.resolve(NAME).resolve("logs/server.log");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (started) {
            started = false;
            asadmin("stop-domain", "--kill", "--domaindir", domains.toString(), NAME);
        }
    }

    /** One file per MicroProfile Config key, readable by the server's user only. */
    private void writeConfig(Map<String, String> config) throws IOException {
        Path folder = domains.resolve(NAME).resolve("config/billing");
        Files.createDirectories(folder);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        for (Map.Entry<String, String> entry : config.entrySet()) {
            Path file = folder.resolve(entry.getKey());
            Files.writeString(file, entry.getValue());
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** Deployed means the app answers; ready means its database check passes. */
    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "health/ready")).timeout(Duration.ofSeconds(5)).build();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .alias("Payara Server's /health/ready answers 200 (see " + serverLog() + ")")
                .until(() -> http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    private void asadmin(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(asadmin.toString(), "--interactive=false"));
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile("asadmin-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        int exit = process.waitFor();
        String said = Files.readString(output);
        Files.delete(output);
        if (exit != 0) {
            throw new IllegalStateException("asadmin " + String.join(" ", arguments) + " failed (" + exit + "):\n" + said);
        }
    }

    /** A port base whose ports are all free now (the domain binds them a few seconds later). */
    private static int freePortBase() throws IOException {
        for (int base = 28000; base < 40000; base += 100) {
            if (allFree(base)) {
                return base;
            }
        }
        throw new IllegalStateException("No free port base for a Payara Server domain between 28000 and 40000");
    }

    private static boolean allFree(int base) {
        for (int offset : PORT_OFFSETS) {
            try (ServerSocket socket = new ServerSocket(base + offset)) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> all = Files.walk(root)) {
                for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
