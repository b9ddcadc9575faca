package com.nextpanel.billing.notify.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The mail server, and how its emails are retried (MAIL_SMTP_HOST, MAIL_FROM, MAIL_MAX_ATTEMPTS, …). */
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
    @ConfigProperty(name = "mail.max-attempts", defaultValue = "6")
    int maxAttempts;

    @Inject
    @ConfigProperty(name = "mail.backoff-base-ms", defaultValue = "60000")
    long backoffBaseMs;

    @Inject
    @ConfigProperty(name = "mail.backoff-max-ms", defaultValue = "3600000")
    long backoffMaxMs;

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

    public int maxAttempts() {
        return Math.max(1, maxAttempts);
    }

    /** Exponential: base, 2×base, 4×base … capped. */
    public Duration backoffAfter(int attempts) {
        long factor = 1L << Math.min(20, Math.max(0, attempts - 1));
        return Duration.ofMillis(Math.min(backoffMaxMs, backoffBaseMs * factor));
    }
}
