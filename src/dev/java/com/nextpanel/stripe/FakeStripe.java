package com.nextpanel.stripe;

import com.nextpanel.launch.LocalHttpServer;
import com.stripe.Stripe;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A stateful fake of the part of Stripe's API that billing uses (Checkout Sessions and
 * PaymentIntents), a hosted checkout page at /pay/{session}, and webhook deliveries signed like
 * Stripe's. HTTP on 127.0.0.1; daemon threads; close it to free the port. Tests drive it through
 * the methods below (same JVM) or the control API at /_fake (see {@link FakeStripeControl}).
 */
public final class FakeStripe implements AutoCloseable {

    /** Succeeds on the checkout page; {@link #DECLINED_CARD} is declined. */
    public static final String TEST_CARD = "4242424242424242";
    public static final String DECLINED_CARD = "4000000000000002";

    /** How often a payment's checkout.session.completed is delivered. */
    public enum Webhooks { NONE, ONCE, TWICE }

    private final String secretKey;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "fake-stripe");
        thread.setDaemon(true);
        return thread;
    });
    final Map<String, FakeSession> sessions = new ConcurrentHashMap<>();
    final Map<String, FakeSession> byIntent = new ConcurrentHashMap<>();
    private final Map<String, String> events = new ConcurrentHashMap<>(); // id → payload, as delivered
    private final Map<String, String> eventOfSession = new ConcurrentHashMap<>();
    final WebhookSender webhooks = new WebhookSender();
    private final StripeApi api = new StripeApi(this);
    private final HostedCheckout checkout = new HostedCheckout(this);
    private final FakeStripeControl control = new FakeStripeControl(this);

    private FakeStripe(String secretKey, int port) {
        this.secretKey = secretKey;
        try {
            server = LocalHttpServer.create(port, 128);
        } catch (IOException e) {
            throw new UncheckedIOException("Fake Stripe cannot listen on port " + port, e);
        }
        server.createContext("/v1/", api::handle);
        server.createContext("/pay/", checkout::handle);
        server.createContext("/_fake/", control::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Listens on 127.0.0.1:{@code port} (0: any free port); the API accepts only {@code secretKey}. */
    public static FakeStripe start(int port, String secretKey) {
        return new FakeStripe(secretKey, port);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    String secretKey() {
        return secretKey;
    }

    /** Where checkout.session.* events go, and the whsec_… they are signed with. */
    public void deliverTo(String webhookUrl, String signingSecret) {
        webhooks.configure(webhookUrl, signingSecret);
    }

    /** A session as stripe-java would create it (for tests that bypass the application). */
    public String createSession(long amountTotal, String currency, Map<String, String> metadata,
            String clientReferenceId, String successUrl, String cancelUrl) {
        return addSession(amountTotal, currency, metadata, metadata, clientReferenceId, successUrl, cancelUrl).id;
    }

    FakeSession addSession(long amountTotal, String currency, Map<String, String> metadata,
            Map<String, String> intentMetadata, String clientReferenceId, String successUrl, String cancelUrl) {
        String id = "cs_test_" + random();
        FakeSession session = new FakeSession(id, amountTotal, currency, metadata, intentMetadata, clientReferenceId,
                successUrl, cancelUrl, baseUrl() + "/pay/" + id, System.currentTimeMillis() / 1000);
        sessions.put(id, session);
        return session;
    }

    public Optional<String> sessionIdIn(String checkoutUrl) {
        int at = checkoutUrl.lastIndexOf("/pay/");
        return at < 0 ? Optional.empty() : Optional.of(checkoutUrl.substring(at + 5));
    }

    /**
     * Pays a session without the browser (as the card 4242… would): the session becomes paid with
     * a new PaymentIntent, and its checkout.session.completed event is delivered as asked.
     * Answers the event id; paying twice is refused.
     */
    public String pay(String sessionId, Webhooks delivery) {
        FakeSession session = session(sessionId);
        if (!session.pay("pi_test_" + random())) {
            throw new IllegalStateException("Session " + sessionId + " is paid already");
        }
        byIntent.put(session.paymentIntentId(), session);
        String eventId = "evt_test_" + random();
        String payload = event(eventId, "checkout.session.completed", session.json(null)).toString();
        events.put(eventId, payload);
        eventOfSession.put(sessionId, eventId);
        for (int i = 0; i < switch (delivery) { case NONE -> 0; case ONCE -> 1; case TWICE -> 2; }; i++) {
            webhooks.send(eventId, payload);
        }
        return eventId;
    }

    /** Delivers an event that was created before, again, freshly signed. */
    public WebhookDelivery resend(String eventId) {
        String payload = Optional.ofNullable(events.get(eventId))
                .orElseThrow(() -> new IllegalArgumentException("No event " + eventId));
        return webhooks.send(eventId, payload);
    }

    public Optional<String> eventOf(String sessionId) {
        return Optional.ofNullable(eventOfSession.get(sessionId));
    }

    /** An arbitrary payload, correctly signed now. */
    public WebhookDelivery sendSigned(String payload) {
        return webhooks.send(null, payload);
    }

    /** An arbitrary payload signed with another secret. */
    public WebhookDelivery sendWithBadSignature(String payload) {
        return webhooks.sendWithHeader(null, payload, WebhookSender.header("whsec_not_the_right_one",
                System.currentTimeMillis() / 1000, payload));
    }

    /** An arbitrary payload, correctly signed but {@code secondsAgo} in the past (Stripe tolerates 300). */
    public WebhookDelivery sendSignedAgo(String payload, long secondsAgo) {
        return webhooks.sendWithHeader(null, payload, WebhookSender.header(webhooks.secret(),
                System.currentTimeMillis() / 1000 - secondsAgo, payload));
    }

    /** The JSON of an event about a session (for tests that alter it before sending). */
    public JsonObject eventJson(String eventId, String type, JsonObject sessionObject) {
        return event(eventId, type, sessionObject);
    }

    public JsonObject sessionJson(String sessionId) {
        return session(sessionId).json(null);
    }

    public List<WebhookDelivery> deliveries() {
        return webhooks.deliveries();
    }

    FakeSession session(String id) {
        FakeSession session = sessions.get(id);
        if (session == null) {
            throw new IllegalArgumentException("No checkout session " + id);
        }
        return session;
    }

    static JsonObject event(String id, String type, JsonObject object) {
        return Json.createObjectBuilder()
                .add("id", id)
                .add("object", "event")
                .add("api_version", Stripe.API_VERSION) // stripe-java deserializes typed only for its own version
                .add("created", System.currentTimeMillis() / 1000)
                .add("livemode", false)
                .add("pending_webhooks", 1)
                .add("request", Json.createObjectBuilder().addNull("id").addNull("idempotency_key"))
                .add("type", type)
                .add("data", Json.createObjectBuilder().add("object", object))
                .build();
    }

    static String random() {
        byte[] bytes = new byte[12];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Standalone: {@code --port 12111 --key sk_test_… --webhook-url http://…/api/v1/payments/stripe/webhook --webhook-secret whsec_…}. */
    public static void main(String[] args) throws InterruptedException {
        int port = 12111;
        String key = "sk_test_fake";
        String url = null;
        String secret = "whsec_fake";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--key" -> key = args[i + 1];
                case "--webhook-url" -> url = args[i + 1];
                case "--webhook-secret" -> secret = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (use --port, --key, --webhook-url, --webhook-secret)");
            }
        }
        FakeStripe stripe = start(port, key);
        if (url != null) {
            stripe.deliverTo(url, secret);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stripe::close, "fake-stripe-shutdown"));
        System.out.println("Fake Stripe on " + stripe.baseUrl() + " (STRIPE_API_BASE); test card "
                + CheckoutPage.TEST_CARD + "; webhooks to " + (url == null ? "nowhere yet" : url));
        new CountDownLatch(1).await();
    }
}
