package com.nextpanel.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sorts Payara's request threads in a jcmd Thread.print dump by what they are doing. */
final class ThreadStates {

    private static final Pattern APP_FRAME = Pattern.compile("at (com\\.nextpanel\\.[\\w.$]+)\\.([\\w$<>]+)\\(\\w+\\.java:\\d+\\)");

    private ThreadStates() {
    }

    static Map<String, Integer> classify(String dump) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String block : dump.split("\\R\\s*\\R")) {
            String head = block.strip();
            if (!head.startsWith("\"http-thread-pool")) {
                continue;
            }
            List<String> frames = new ArrayList<>();
            String state = "";
            for (String line : head.lines().toList()) {
                String l = line.strip();
                if (l.startsWith("at ") || l.startsWith("- ")) {
                    frames.add(l);
                } else if (l.startsWith("java.lang.Thread.State:")) {
                    state = l.substring("java.lang.Thread.State:".length()).strip();
                }
            }
            counts.merge(activity(frames, state), 1, Integer::sum);
        }
        return counts;
    }

    private static String activity(List<String> frames, String state) {
        String all = String.join("\n", frames);
        String app = firstAppFrame(frames);
        String top = frames.isEmpty() ? "?" : frames.get(0);
        if (app == null) {
            if (all.contains("getTask") || all.contains("LinkedTransferQueue") || all.contains("SynchronousQueue")
                    || all.contains("ThreadPool$Worker.run") && state.startsWith("WAITING")) {
                return "idle (waiting for a request)";
            }
            return "container code, no app frame yet/any more (Grizzly, Jersey, JSON, security)";
        }
        if (all.contains("ServerSelector.pause")) {
            return "ServerSelector.pause: 5 ms sleep, every eligible server row locked by other openings";
        }
        if (all.contains("Semaphore") && all.contains("PanelAccess.once") && !all.contains("org.postgresql")
                && state.startsWith("WAITING")) {
            return "PanelAccess.once: queued for a panel call slot (panel.max-concurrent-calls)";
        }
        if (top.contains("org.postgresql") || topFew(frames, 12).contains("org.postgresql")) {
            return "PostgreSQL round trip, in " + app;
        }
        if ((all.contains("ConnectionPool") || all.contains("PoolManager")) && state.startsWith("TIMED_WAITING")) {
            return "waiting for a JDBC connection, in " + app;
        }
        if (all.contains("SocketInputStream") || all.contains("NioSocketImpl.read") || all.contains("HttpURLConnection")
                || all.contains("jdk.internal.net.http")) {
            return "waiting for the panel's HTTP answer, in " + app;
        }
        if (state.startsWith("RUNNABLE")) {
            return "on CPU (or ready to run), in " + app;
        }
        return state.split(" ")[0].toLowerCase() + ", in " + app + " (" + shortFrame(top) + ")";
    }

    private static String topFew(List<String> frames, int n) {
        return String.join("\n", frames.subList(0, Math.min(n, frames.size())));
    }

    /** The innermost frame of our own code with a source line (not a Weld proxy), as Class.method. */
    private static String firstAppFrame(List<String> frames) {
        for (String f : frames) {
            Matcher m = APP_FRAME.matcher(f);
            if (m.find()) {
                String cls = m.group(1);
                return cls.substring(cls.lastIndexOf('.') + 1) + "." + m.group(2);
            }
        }
        return null;
    }

    private static String shortFrame(String frame) {
        String f = frame.startsWith("at ") ? frame.substring(3) : frame;
        int paren = f.indexOf('(');
        f = paren > 0 ? f.substring(0, paren) : f;
        String[] parts = f.split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : f;
    }
}
