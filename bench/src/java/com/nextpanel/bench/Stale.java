package com.nextpanel.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Leftovers of a benchmark JVM that was killed outright (kill -9: no finally, no hook). Each run
 * writes its own PID and its children's into its temp folder; the next run stops the children of
 * runs whose JVM is gone, checking the command line first (PIDs get reused). Runs that are alive —
 * another engineer's benchmark — are never touched.
 */
final class Stale {

    private static final String PREFIX = "nextpanel-bench-";
    private static final String OWNER = "owner.pid";

    private Stale() {
    }

    static void claim(Path work) throws IOException {
        Files.writeString(work.resolve(OWNER), Long.toString(ProcessHandle.current().pid()));
    }

    static void record(Path work, String file, long pid) throws IOException {
        Files.writeString(work.resolve(file), Long.toString(pid));
    }

    /** A kept work folder is no leftover. */
    static void release(Path work) {
        try {
            Files.deleteIfExists(work.resolve(OWNER));
        } catch (IOException e) {
            // then the next run reaps it; its processes are stopped already
        }
    }

    static void reap() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> dirs = Files.list(tmp)) {
            dirs.filter(d -> d.getFileName().toString().startsWith(PREFIX) && Files.isRegularFile(d.resolve(OWNER)))
                    .filter(d -> pidIn(d.resolve(OWNER)).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).isEmpty())
                    .forEach(Stale::reapOne);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("[bench] looking for leftovers of killed runs: " + e);
        }
    }

    private static void reapOne(Path dir) {
        stop(dir.resolve("payara.pid"), "payara-micro");
        stop(dir.resolve("postgres.pid"), "postgres");
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a later run tries again
        }
        Report.info("cleaned up after a killed benchmark run: " + dir);
    }

    private static void stop(Path pidFile, String mustContain) {
        pidIn(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(p -> commandLine(p).contains(mustContain))
                .ifPresent(p -> {
                    p.destroy();
                    try {
                        p.onExit().get(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        p.destroyForcibly();
                    }
                });
    }

    private static Optional<Long> pidIn(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String commandLine(ProcessHandle process) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return process.info().commandLine().orElse("");
        }
    }
}
