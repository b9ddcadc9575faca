package com.nextpanel.billing.notify.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The mail server and how the outbox is worked (MAIL_SMTP_HOST, MAIL_FROM, MAIL_MAX_ATTEMPTS, …). */
@ApplicationScoped
public class NotifyConfig {

    @Inject
    @ConfigProperty(name = "mail.smtp.host", defaultValue = "localhost")
    String host;

    @Inject
    @ConfigProperty(name = "mail.smtp.port", defaultValue = "25")
    int port;

    @Inject
    @ConfigProperty(name = "mail.smtp.user")
    Optional<String> user;

    @Inject
    @ConfigProperty(name = "mail.smtp.password")
    Optional<String> password;

    @Inject
    @ConfigProperty(name = "mail.smtp.starttls", defaultValue = "true")
    boolean starttls;

    @Inject
    @ConfigProperty(name = "mail.smtp.connect-timeout-ms", defaultValue = "5000")
    int connectTimeoutMs;

    @Inject
    @ConfigProperty(name = "mail.smtp.read-timeout-ms", defaultValue = "5000")
    int readTimeoutMs;

    @Inject
    @ConfigProperty(name = "mail.from", defaultValue = "NextPanel Billing <billing@localhost>")
    String from;

    @Inject
    @ConfigProperty(name = "mail.poll-interval-ms", defaultValue = "2000")
    long pollIntervalMs;

    @Inject
    @ConfigProperty(name = "mail.max-attempts", defaultValue = "6")
    int maxAttempts;

    @Inject
    @ConfigProperty(name = "mail.backoff-base-ms", defaultValue = "60000")
    long backoffBaseMs;

    @Inject
    @ConfigProperty(name = "mail.backoff-max-ms", defaultValue = "3600000")
    long backoffMaxMs;

    @Inject
    @ConfigProperty(name = "mail.lease-seconds", defaultValue = "300")
    long leaseSeconds;

    @Inject
    @ConfigProperty(name = "mail.batch-size", defaultValue = "20")
    int batchSize;

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The SMTP login, when the server wants one. */
    public Optional<String> user() {
        return user.filter(u -> !u.isBlank());
    }

    public String password() {
        return password.orElse("");
    }

    /**
     * On by default: emails carry passwords and one-time links, so they go encrypted, to a server
     * whose certificate names it. Off only when configured so (a mail catcher on this machine).
     */
    public boolean starttls() {
        return starttls;
    }

    public int connectTimeoutMs() {
        return Math.max(100, connectTimeoutMs);
    }

    public int readTimeoutMs() {
        return Math.max(100, readTimeoutMs);
    }

    /** The From header, e.g. {@code NextPanel Billing <billing@example.com>}. */
    public String from() {
        return from;
    }

    public Duration pollInterval() {
        return Duration.ofMillis(Math.max(100, pollIntervalMs));
    }

    public int maxAttempts() {
        return Math.max(1, maxAttempts);
    }

    /** Exponential: base, 2×base, 4×base … capped. */
    public Duration backoffAfter(int attempts) {
        long factor = 1L << Math.min(20, Math.max(0, attempts - 1));
        return Duration.ofMillis(Math.min(backoffMaxMs, backoffBaseMs * factor));
    }

    /**
     * The longest one SMTP conversation may take: the connect, then at most eight replies
     * (greeting, EHLO, STARTTLS, AUTH, MAIL, RCPT, DATA, end of data), each within the read timeout.
     */
    public Duration sendBudget() {
        return Duration.ofMillis(connectTimeoutMs() + 8L * readTimeoutMs());
    }

    /**
     * How long a claimed batch is this node's. Never shorter than two send budgets, so that a
     * claimed email is always sent well before another node may take it over.
     */
    public Duration lease() {
        Duration configured = Duration.ofSeconds(Math.max(5, leaseSeconds));
        Duration floor = sendBudget().multipliedBy(2);
        return configured.compareTo(floor) < 0 ? floor : configured;
    }

    public int batchSize() {
        return Math.max(1, batchSize);
    }
}
