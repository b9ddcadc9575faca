package com.nextpanel.billing.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Failed bearer authentications per client address, counted on this node in one-minute windows.
 * Past the limit the address is refused (429) until its window ends, a right token included, so a
 * flood of guesses costs no database lookups and confirms nothing. Per node and in memory: an
 * operator token carries 256 random bits, so this guards load, not the token's secrecy.
 */
@ApplicationScoped
public class FailedBearerAttempts {

    static final Duration WINDOW = Duration.ofMinutes(1);
    /** Addresses remembered at most; past it, finished windows are dropped first. */
    private static final int MAX_ADDRESSES = 10_000;

    @Inject
    @ConfigProperty(name = "security.bearer.max-failures-per-minute", defaultValue = "20")
    int maxFailures;

    @Inject
    Clock clock;

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** A window of failures that began at {@code start}. */
    private record Window(Instant start, int failures) {
    }

    /** How long {@code address} must wait, when it is over the limit. */
    public Optional<Duration> throttled(String address) {
        Window window = windows.get(address);
        Instant now = clock.instant();
        if (window == null || !now.isBefore(window.start().plus(WINDOW)) || window.failures() < maxFailures) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, window.start().plus(WINDOW)));
    }

    public void failed(String address) {
        Instant now = clock.instant();
        if (windows.size() >= MAX_ADDRESSES) {
            windows.values().removeIf(w -> !now.isBefore(w.start().plus(WINDOW)));
        }
        windows.compute(address, (key, window) -> window == null || !now.isBefore(window.start().plus(WINDOW))
                ? new Window(now, 1) : new Window(window.start(), window.failures() + 1));
    }
}
