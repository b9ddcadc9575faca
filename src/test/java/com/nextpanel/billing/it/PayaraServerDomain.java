package com.nextpanel.billing.it;

import com.nextpanel.launch.FreePorts;
import com.nextpanel.launch.PayaraProcess;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
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
        // all of a domain's ports free now: it binds them a few seconds later
        int portBase = FreePorts.base(28000, 40000, 100, PORT_OFFSETS);
        PayaraServerDomain domain = new PayaraServerDomain(payaraHome.resolve("bin/asadmin"), domains, portBase);
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
    private void awaitReady() throws InterruptedException {
        PayaraProcess.Readiness readiness = PayaraProcess.awaitApp(url().toString(), Duration.ofMinutes(2), false, () -> null);
        if (!readiness.ready()) {
            throw new IllegalStateException("Payara Server: " + readiness.failure() + " (see " + serverLog() + ")");
        }
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
