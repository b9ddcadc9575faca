package com.nextpanel.bench;

import com.nextpanel.launch.PidFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
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
    private static final Duration GRACE = Duration.ofSeconds(30);

    private Stale() {
    }

    static void claim(Path work) throws IOException {
        new PidFile(work.resolve(OWNER)).write(ProcessHandle.current().pid());
    }

    static void record(Path work, String file, long pid) throws IOException {
        new PidFile(work.resolve(file)).write(pid);
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
                    .filter(d -> new PidFile(d.resolve(OWNER)).read().flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).isEmpty())
                    .forEach(Stale::reapOne);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("[bench] looking for leftovers of killed runs: " + e);
        }
    }

    private static void reapOne(Path dir) {
        new PidFile(dir.resolve("payara.pid")).liveProcess("payara-micro").ifPresent(p -> PidFile.stop(p, GRACE));
        new PidFile(dir.resolve("postgres.pid")).liveProcess("postgres").ifPresent(p -> PidFile.stop(p, GRACE));
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a later run tries again
        }
        Report.info("cleaned up after a killed benchmark run: " + dir);
    }
}
