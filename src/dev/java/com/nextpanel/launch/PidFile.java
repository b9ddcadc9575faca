package com.nextpanel.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A child's PID kept in a file, so that the next start can stop what a killed launcher left
 * running (kill -9: no finally, no hook). PIDs get reused: a process is only taken for the one
 * the file names if its command line still says what it is.
 */
public record PidFile(Path path) {

    public void write(long pid) throws IOException {
        Files.writeString(path, Long.toString(pid));
    }

    public Optional<Long> read() {
        try {
            return Optional.of(Long.parseLong(Files.readString(path).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The process the file names, if it is alive and its command line contains {@code mustContain}. */
    public Optional<ProcessHandle> liveProcess(String mustContain) {
        return read().flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(p -> commandLine(p).contains(mustContain));
    }

    public void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // the next start checks the PID's command line anyway
        }
    }

    /** SIGTERM, then SIGKILL if it is still there after {@code grace}; true if it ended within the grace. */
    public static boolean stop(ProcessHandle process, Duration grace) {
        process.destroy();
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // still running
        }
        process.destroyForcibly();
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the kernel has it; nothing more to do
        }
        return false;
    }

    static String commandLine(ProcessHandle process) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException | UncheckedIOException e) {
            return process.info().commandLine().orElse("");
        }
    }
}
