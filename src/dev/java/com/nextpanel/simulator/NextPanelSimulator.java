package com.nextpanel.simulator;

import com.nextpanel.launch.LocalHttpServer;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A stateful fake NextPanel server (billing API over HTTP on 127.0.0.1) with runtime-switchable faults.
 * All its threads are daemons; close it to free the port.
 */
public final class NextPanelSimulator implements AutoCloseable {

    private static final int BACKLOG = 1024; // hundreds of simultaneous connects must not overflow the accept queue
    private static final AtomicInteger THREADS = new AtomicInteger();

    private record Credential(String secret, boolean revoked) { }

    /** One timer for all simulators (for refuse_for_seconds), created on first use. */
    private static final class Timer {
        static final ScheduledExecutorService INSTANCE =
                Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "nextpanel-sim-timer"));
    }

    private final String apiKey;
    private final String apiSecret;
    private final Map<String, Credential> credentials = new ConcurrentHashMap<>();
    private final Faults faults = new Faults();
    private final PanelApi panel = new PanelApi();
    private final SimControl control = new SimControl(this);
    private final Map<String, LongAdder> requestCounts = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();
    /** The calls answered since {@link #recordCalls()}; null while not recording (a benchmark's millions). */
    private volatile ConcurrentLinkedQueue<SimCall> recordedCalls;
    private final ExecutorService executor =
            Executors.newCachedThreadPool(r -> daemon(r, "nextpanel-sim-" + THREADS.incrementAndGet()));
    private final Object lifecycle = new Object();
    private HttpServer server; // guarded by lifecycle; null while refusing or closed
    private long refuseGeneration; // guarded by lifecycle; lets a refuse_for_seconds timer see it was overtaken
    private boolean closed; // guarded by lifecycle
    private volatile int port;

    private NextPanelSimulator(String apiKey, String apiSecret) {
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.apiSecret = Objects.requireNonNull(apiSecret, "apiSecret");
        credentials.put(apiKey, new Credential(apiSecret, false));
    }

    /** Starts listening on 127.0.0.1:{@code port} (0 = any free port). */
    public static NextPanelSimulator start(int port, String apiKey, String apiSecret) {
        NextPanelSimulator sim = new NextPanelSimulator(apiKey, apiSecret);
        try {
            synchronized (sim.lifecycle) {
                sim.listen(port);
            }
        } catch (RuntimeException e) {
            sim.executor.shutdownNow();
            throw e;
        }
        return sim;
    }

    public static NextPanelSimulator start() {
        return start(0, "npk_sim_" + randomHex(), "nps_sim_" + randomHex());
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String apiKey() {
        return apiKey;
    }

    public String apiSecret() {
        return apiSecret;
    }

    /** Every answer leaves this long after its request arrived, the panel's own work included. */
    public void setLatency(Duration latency) {
        faults.setLatency(latency);
    }

    public void setErrorRate(double fraction) {
        faults.setErrorRate(fraction);
    }

    /** The next {@code count} requests answer {@code status} without doing any work. */
    public void failNext(int count, int status) {
        faults.failNext(count, status);
    }

    /**
     * The next {@code count} authenticated POST requests are refused the way FastAPI refuses a body it
     * cannot validate: a 422 whose {@code detail} list echoes the request body as {@code input}.
     */
    public void answerNextCreatesWithoutId(int count) {
        faults.answerNextCreatesWithoutId(count);
    }

    public void rejectNextEchoingInput(int count) {
        faults.rejectNextEchoingInput(count);
    }

    public void setHang(boolean hang) {
        faults.setHang(hang);
    }

    /** true: stop listening (connects are refused); false: listen again on the same port, state kept. */
    public void refuseConnections(boolean refuse) {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            refuseGeneration++;
            if (refuse && server != null) {
                server.stop(0);
                server = null;
            } else if (!refuse && server == null) {
                listen(port);
            }
        }
    }

    /** At most {@code requests} per API key per fixed window (starting at the key's first request); 0 = unlimited. */
    public void setRateLimit(int requests, Duration window) {
        faults.setRateLimit(requests, window);
    }

    public void setRateLimitPerHour(int requests) {
        faults.setRateLimit(requests, Faults.HOUR);
    }

    /** Adds (or re-activates with a new secret) a credential pair. */
    public void addCredentials(String key, String secret) {
        credentials.put(Objects.requireNonNull(key, "key"), new Credential(Objects.requireNonNull(secret, "secret"), false));
    }

    public void revoke(String key) {
        credentials.computeIfPresent(key, (k, c) -> new Credential(c.secret, true));
    }

    public void resetFaults() {
        faults.reset();
        refuseConnections(false);
    }

    /** Back to a fresh simulator on the same port: no faults, no accounts, zero counters, only the initial credentials. */
    public void reset() {
        resetFaults();
        panel.clear();
        requestCounts.clear();
        faults.resetCounters();
        maxConcurrent.set(inFlight.get());
        credentials.keySet().removeIf(k -> !k.equals(apiKey));
        credentials.put(apiKey, new Credential(apiSecret, false));
    }

    public List<SimAccount> accounts() {
        return panel.liveAccounts();
    }

    public Optional<SimAccount> account(long id) {
        return panel.account(id);
    }

    public int accountCount() {
        return panel.liveCount();
    }

    public boolean passwordMatches(long id, String password) {
        return panel.passwordMatches(id, password);
    }

    List<JsonObject> accountsJson() {
        return panel.allAsJson();
    }

    /** Requests received (faulted ones included, /_sim/* excluded) with this method (null = any) and path prefix. */
    public long requests(String method, String pathPrefix) {
        String prefix = pathPrefix == null ? "" : pathPrefix;
        return requestCounts.entrySet().stream().filter(e -> {
            int space = e.getKey().indexOf(' ');
            return (method == null || e.getKey().substring(0, space).equalsIgnoreCase(method))
                    && e.getKey().startsWith(prefix, space + 1);
        }).mapToLong(e -> e.getValue().sum()).sum();
    }

    /** Starts recording each call's times and answer afresh (health probes included, /_sim/* not). */
    public void recordCalls() {
        recordedCalls = new ConcurrentLinkedQueue<>();
    }

    /** The calls answered since {@link #recordCalls()}, in the order their answers left; empty if not recording. */
    public List<SimCall> calls() {
        ConcurrentLinkedQueue<SimCall> recorded = recordedCalls;
        return recorded == null ? List.of() : List.copyOf(recorded);
    }

    public int inFlight() {
        return inFlight.get();
    }

    public int maxConcurrent() {
        return maxConcurrent.get();
    }

    /** Starts counting the most concurrent requests afresh (a benchmark's setup is not its run). */
    public void resetMaxConcurrent() {
        maxConcurrent.set(inFlight.get());
    }

    /** Drops hanging and sleeping requests, stops listening and shuts the threads down. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            refuseGeneration++;
            faults.close();
            if (server != null) {
                server.stop(0);
                server = null;
            }
        }
        executor.shutdownNow();
    }

    private void listen(int onPort) {
        try {
            HttpServer s = LocalHttpServer.create(onPort, BACKLOG);
            s.createContext("/", this::handle);
            s.setExecutor(executor);
            // The dispatcher thread inherits daemon status from its creator: start it from one of our daemons.
            executor.submit(s::start).get();
            server = s;
            port = s.getAddress().getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + onPort, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot start the HTTP server", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
    }

    private void handle(HttpExchange ex) {
        long arrived = System.nanoTime();
        ConcurrentLinkedQueue<SimCall> recording = recordedCalls;
        Instant arrivedAt = recording == null ? null : Instant.now();
        try (ex) {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getPath();
            byte[] body = ex.getRequestBody().readAllBytes();
            if (path.startsWith("/_sim/")) {
                control.handle(ex, method, path, body);
                return;
            }
            requestCounts.computeIfAbsent(method + ' ' + path, k -> new LongAdder()).increment();
            maxConcurrent.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            Reply reply;
            try {
                reply = serve(ex.getRequestHeaders(), method, path, body);
                if (reply != null) { // null: dropped by close()
                    faults.sleepLatency(arrived); // after the work: a client timing out here leaves the work done
                }
            } finally {
                inFlight.decrementAndGet(); // before answering, so a client holding the answer sees it done
            }
            if (reply != null) {
                if (recording != null) {
                    recording.add(new SimCall(arrivedAt, Instant.now(), method, path, reply.status(),
                            reply.headers().get("Retry-After")));
                }
                reply.send(ex);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // close() interrupted a sleep: drop the request
        } catch (IOException e) {
            // the client went away, or refuse/close cut the connection: nothing to answer
        }
    }

    private Reply serve(Headers headers, String method, String path, byte[] body) throws InterruptedException {
        if (!faults.awaitNotHanging()) {
            return null;
        }
        int failure = faults.takeFailure();
        if (failure != 0) {
            Reply reply = Reply.error(failure, Reply.reasonPhrase(failure));
            return failure == 429 ? reply.withHeader("Retry-After", "1") : reply;
        }
        if (!(method.equals("GET") && path.equals("/api/health"))) {
            String key = headers.getFirst("X-API-Key");
            Credential credential = key == null ? null : credentials.get(key);
            if (credential == null || !credential.secret.equals(headers.getFirst("X-API-Secret"))) {
                return Reply.error(401, "Invalid API credentials");
            }
            if (credential.revoked) {
                return Reply.error(401, "API key has been revoked");
            }
            long retryAfter = faults.admit(key);
            if (retryAfter > 0) {
                return Reply.error(429, "Rate limit exceeded").withHeader("Retry-After", Long.toString(retryAfter));
            }
        }
        // only a request with a body has input to echo; a health probe in between must not take the fault
        if (method.equals("POST") && faults.takeEchoingRejection()) {
            JsonObject input = Reply.parseObject(body, JsonValue.EMPTY_JSON_OBJECT);
            return Reply.json(422, Reply.object().add("detail", Reply.JSON.createArrayBuilder().add(Reply.object()
                    .add("type", "missing").add("loc", Reply.JSON.createArrayBuilder().add("body").add("plan"))
                    .add("msg", "Field required")
                    .add("input", input == null ? JsonValue.NULL : input))).build());
        }
        try {
            Reply reply = panel.route(method, path, body);
            if (reply.status() == 201 && path.equals("/api/v1/billing/accounts") && faults.takeIdlessCreate()) {
                return Reply.json(201, Reply.object().add("message", "Account created").build()); // done, no id
            }
            return reply;
        } catch (RuntimeException e) { // a simulator bug must still look like a server answer
            e.printStackTrace();
            return Reply.error(500, "Internal Server Error");
        }
    }

    /** Refuses connections now and accepts again after {@code duration}, unless refusal was switched meanwhile. */
    void refuseFor(Duration duration) {
        long generation;
        synchronized (lifecycle) {
            refuseConnections(true);
            generation = refuseGeneration;
        }
        Timer.INSTANCE.schedule(() -> {
            synchronized (lifecycle) {
                if (generation == refuseGeneration) { // else someone switched refusal meanwhile: theirs wins
                    refuseConnections(false);
                }
            }
        }, duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    JsonObject faultsJson() {
        boolean refusing;
        synchronized (lifecycle) {
            refusing = server == null && !closed;
        }
        return faults.toJson(refusing);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static String randomHex() {
        byte[] bytes = new byte[8];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Standalone: {@code --port 9001 --key npk_x --secret nps_y --latency-ms 0}; runs until Ctrl-C. */
    public static void main(String[] args) throws InterruptedException {
        int port = 9001;
        String key = "npk_demo_key";
        String secret = "nps_demo_secret";
        long latencyMs = 0;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + args[i]);
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value);
                case "--key" -> key = value;
                case "--secret" -> secret = value;
                case "--latency-ms" -> latencyMs = Long.parseLong(value);
                default -> throw new IllegalArgumentException(
                        "unknown option " + args[i] + " (use --port, --key, --secret, --latency-ms)");
            }
        }
        NextPanelSimulator sim = start(port, key, secret);
        sim.setLatency(Duration.ofMillis(latencyMs));
        Runtime.getRuntime().addShutdownHook(new Thread(sim::close, "nextpanel-sim-shutdown"));
        System.out.println("NextPanel simulator on " + sim.baseUrl() + " (key " + key + ")");
        System.out.println("  secret " + secret + "; control: GET /_sim/state, POST /_sim/faults, POST /_sim/reset");
        new CountDownLatch(1).await(); // the server threads are daemons: keep the JVM alive until Ctrl-C
    }
}
