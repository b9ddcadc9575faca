package com.nextpanel.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where Payara's CPU goes during a load run (-Dbench.profile=true): a Java Flight Recorder
 * recording started and dumped with jcmd around the run, its execution samples summed by layer
 * (the innermost frame that is not JDK code) and by the innermost app method on the stack.
 */
final class CpuProfile {

    private static final String NAME = "bench";

    private final long pid;
    private final Path file;
    private final boolean started;
    private boolean stopped;

    private CpuProfile(long pid, Path file, boolean started) {
        this.pid = pid;
        this.file = file;
        this.started = started;
    }

    static CpuProfile start(long pid, Path work) {
        Path file = work.resolve("payara-load.jfr");
        String out = jcmd(pid, "JFR.start", "name=" + NAME, "settings=profile");
        boolean ok = out.contains("Started recording");
        if (!ok) {
            Report.info("JFR did not start: " + out.strip());
        }
        return new CpuProfile(pid, file, ok);
    }

    /** Ends the recording, into the work folder. */
    void stop() {
        if (started && !stopped) {
            stopped = true;
            jcmd(pid, "JFR.dump", "name=" + NAME, "filename=" + file);
            jcmd(pid, "JFR.stop", "name=" + NAME);
        }
    }

    /** Prints the summary of the recording. */
    void print() {
        if (!started) {
            return;
        }
        stop();
        String text = run(List.of(tool("jfr"), "print", "--events", "jdk.ExecutionSample", "--stack-depth", "96", file.toString()));
        Map<String, Integer> byLayer = new HashMap<>();
        Map<String, Integer> byAppMethod = new HashMap<>();
        Map<String, Integer> byStep = new HashMap<>();
        int samples = 0;
        List<String> frames = null;
        for (String line : text.lines().toList()) {
            String l = line.strip();
            if (l.startsWith("stackTrace = [")) {
                frames = new ArrayList<>();
            } else if (frames != null && l.equals("]")) {
                samples++;
                byLayer.merge(layer(frames), 1, Integer::sum);
                byAppMethod.merge(appMethod(frames), 1, Integer::sum);
                byStep.merge(step(frames), 1, Integer::sum);
                frames = null;
            } else if (frames != null && !l.equals("...")) {
                frames.add(l);
            }
        }
        if (samples == 0) {
            Report.info("JFR: no execution samples in " + file);
            return;
        }
        Report.info("Payara CPU samples (JFR, " + samples + " samples of running Java threads; GC and JIT threads not included):");
        print("by layer (innermost non-JDK frame)", byLayer, samples, 12);
        print("by request step (outermost app method that names the step)", byStep, samples, 14);
        print("by innermost app method on the stack", byAppMethod, samples, 14);
    }

    private static void print(String title, Map<String, Integer> counts, int samples, int top) {
        Report.info("  " + title + ":");
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> Report.info(String.format("    %5.1f %%  %s", 100.0 * e.getValue() / samples, e.getKey())));
    }

    private static String layer(List<String> frames) {
        for (String f : frames) {
            if (f.startsWith("java.") || f.startsWith("jdk.") || f.startsWith("sun.") || f.startsWith("javax.")
                    || f.startsWith("com.sun.proxy") || f.startsWith("jakarta.")) {
                continue;
            }
            if (f.startsWith("org.eclipse.persistence")) {
                return "EclipseLink (JPA)";
            }
            if (f.startsWith("org.postgresql")) {
                return "PostgreSQL JDBC driver";
            }
            if (f.startsWith("org.jboss.weld")) {
                return "Weld (CDI proxies, interceptors)";
            }
            if (f.startsWith("org.glassfish.jersey")) {
                return "Jersey (JAX-RS server and REST client)";
            }
            if (f.startsWith("org.glassfish.grizzly")) {
                return "Grizzly (HTTP I/O)";
            }
            if (f.startsWith("org.hibernate.validator")) {
                return "Hibernate Validator";
            }
            if (f.startsWith("org.eclipse.yasson") || f.startsWith("org.eclipse.parsson") || f.startsWith("org.glassfish.json")) {
                return "JSON-B / JSON-P";
            }
            if (f.startsWith("com.sun.enterprise.resource") || f.startsWith("com.sun.gjc") || f.startsWith("com.sun.enterprise.connectors")) {
                return "Payara JDBC pool";
            }
            if (f.startsWith("com.sun.enterprise.transaction") || f.startsWith("com.sun.jts") || f.startsWith("org.glassfish.cdi.transaction")) {
                return "Payara transactions (JTA)";
            }
            if (f.startsWith("com.nextpanel")) {
                return "app code itself";
            }
            if (f.startsWith("org.glassfish.hk2") || f.startsWith("org.jvnet.hk2")) {
                return "HK2 (injection inside Jersey)";
            }
            if (f.startsWith("fish.payara") || f.startsWith("com.sun") || f.startsWith("org.glassfish") || f.startsWith("org.apache.catalina")) {
                return "other Payara container code (" + f.split("\\.")[0] + "." + f.split("\\.")[1] + "." + f.split("\\.")[2] + ")";
            }
            return "other: " + f.split("\\(")[0];
        }
        return "JDK only (" + (frames.isEmpty() ? "?" : frames.get(0).split("\\(")[0]) + ")";
    }

    private static String appMethod(List<String> frames) {
        for (String f : frames) {
            if (f.startsWith("com.nextpanel") && !f.contains("$Proxy$") && !f.contains("$$Lambda")) {
                return shortMethod(f);
            }
        }
        return "(no app frame: container work around the request, or a background thread)";
    }

    /** The steps of a request, most specific first: a sample counts for the first one on its stack. */
    private static final List<String> STEPS = List.of(
            "ServerSelector.reserveBest", "AccountOpening.placeAndQueue", "CapacityAlerts.check", "PanelGate.admit",
            "PanelGate.succeeded", "PanelClient.createAccount", "PanelAccess.once", "Jobs.settle", "JobRunner.record",
            "JobRunner.run", "Provisioning.provisionNow", "ActionAnswers.provisioned", "ProvisionResource.provision",
            "BearerTokenMechanism.validateRequest", "TokenIdentityStore.validate", "HealthProber", "ProbeSchedule",
            "JobWorker");

    private static String step(List<String> frames) {
        for (String step : STEPS) { // most specific first
            for (String f : frames) {
                if (f.startsWith("com.nextpanel") && !f.contains("$Proxy$") && f.contains("." + step)) {
                    return step;
                }
            }
        }
        if (frames.stream().anyMatch(f -> f.contains("RequestIds.doFilter"))) {
            return "rest of the request inside the app's filter (Jersey routing, security, validation, JSON)";
        }
        return "outside the app's filter (Grizzly, servlet container) or background threads";
    }

    private static String shortMethod(String frame) {
        String f = frame.split("\\(")[0];
        String[] parts = f.split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : f;
    }

    private static String jcmd(long pid, String... command) {
        List<String> args = new ArrayList<>(List.of(tool("jcmd"), Long.toString(pid)));
        args.addAll(List.of(command));
        return run(args);
    }

    private static String tool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }
}
