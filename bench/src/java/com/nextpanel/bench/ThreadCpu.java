package com.nextpanel.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU ticks of one process by thread group, from /proc/&lt;pid&gt;/task: how much of Payara's CPU
 * went to serving requests and how much to the JIT compiler and the garbage collector, which a
 * JFR sample of Java threads cannot show.
 */
final class ThreadCpu {

    /** Ticks per thread id, with the thread's group. */
    private final Map<Long, Long> ticks = new HashMap<>();
    private final Map<Long, String> groups = new HashMap<>();

    private ThreadCpu() {
    }

    static ThreadCpu of(long pid) {
        ThreadCpu snapshot = new ThreadCpu();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                snapshot.read(task);
            }
        } catch (IOException e) {
            // the process is gone or there is no /proc: nothing to tell
        }
        return snapshot;
    }

    private void read(Path task) {
        try {
            String stat = Files.readString(task.resolve("stat"));
            int open = stat.indexOf('(');
            int close = stat.lastIndexOf(')');
            String name = stat.substring(open + 1, close);
            String[] rest = stat.substring(close + 2).split(" ");
            // after "(comm) ": state is field 3, utime 14 and stime 15 of the whole line
            long cpu = Long.parseLong(rest[11]) + Long.parseLong(rest[12]);
            long tid = Long.parseLong(task.getFileName().toString());
            ticks.put(tid, cpu);
            groups.put(tid, group(name));
        } catch (IOException | RuntimeException e) {
            // the thread ended while we read it
        }
    }

    /** Thread names are cut to 15 characters by Linux. */
    static String group(String name) {
        if (name.startsWith("C2 Compiler") || name.startsWith("C1 Compiler")) {
            return "JIT compiler";
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("VM Thread")
                || name.startsWith("VM Periodic")) {
            return "GC and VM";
        }
        if (name.startsWith("http-thread-poo")) {
            return "HTTP request threads";
        }
        if (name.startsWith("concurrent/") || name.startsWith("__ejb-thread-p") || name.startsWith("payara-executo")) {
            return "executors and EJB timers";
        }
        return "other threads";
    }

    /** Cores used per group between two snapshots, largest first. */
    static Map<String, Double> coresBetween(ThreadCpu before, ThreadCpu after, double seconds, long ticksPerSecond) {
        Map<String, Long> byGroup = new TreeMap<>();
        after.ticks.forEach((tid, cpu) -> byGroup.merge(after.groups.get(tid), cpu - before.ticks.getOrDefault(tid, 0L),
                Long::sum));
        Map<String, Double> cores = new LinkedHashMap<>();
        byGroup.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> cores.put(e.getKey(), e.getValue() / (double) ticksPerSecond / seconds));
        return cores;
    }
}
