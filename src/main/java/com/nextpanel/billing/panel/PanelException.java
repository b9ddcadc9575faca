package com.nextpanel.billing.panel;

import jakarta.json.Json;
import java.time.Duration;
import java.util.Optional;

/** A panel call that did not succeed, sorted into what the caller can do about it. */
public class PanelException extends RuntimeException {

    /** What went wrong, from the caller's point of view. */
    public enum Kind {
        /** Connection refused, unknown host: the request never reached the panel. */
        UNREACHABLE,
        /** Sent, but no answer in time: the panel may or may not have acted. */
        TIMEOUT,
        /** 401/403: the key or secret is wrong or revoked. */
        CREDENTIALS_REJECTED,
        /** 429: the panel's rate limit; retry after {@link #retryAfter()}. */
        RATE_LIMITED,
        /** 404 on an account. */
        NOT_FOUND,
        /** Any other 4xx: the panel refused the request for good (e.g. username exists). */
        REJECTED,
        /** 5xx or an unreadable answer: a fault on the panel's side. */
        PANEL_ERROR,
        /** Not sent: the panel failed too often lately and is left alone until a trial call. */
        ISOLATED
    }

    /** The most of a panel's words kept: they go to jobs, accounts, the audit log and API answers. */
    static final int LONGEST_DETAIL = 500;
    private static final String HIDDEN = "****";

    private final Kind kind;
    private final int status;
    /** The panel's words whole, in memory only: {@link #hiding} must see a secret the cap would cut. */
    private final String panelText;
    private final Duration retryAfter;

    public PanelException(Kind kind, int status, String panelDetail, Duration retryAfter, Throwable cause) {
        super(describe(kind, status, capped(panelDetail)), cause);
        this.kind = kind;
        this.status = status;
        this.panelText = panelDetail;
        this.retryAfter = retryAfter;
    }

    /**
     * The same failure with {@code secret} blanked out of the panel's words: a panel may echo the
     * request it refused, password included, and its words are stored and shown.
     */
    public PanelException hiding(String secret) {
        if (secret == null || secret.isEmpty() || panelText == null) {
            return this;
        }
        String escaped = Json.createValue(secret).toString();
        String hidden = panelText.replace(secret, HIDDEN)
                .replace(escaped.substring(1, escaped.length() - 1), HIDDEN);
        if (hidden.equals(panelText)) {
            return this;
        }
        PanelException copy = this instanceof PanelUnavailable
                ? new PanelUnavailable(kind, status, hidden, getCause())
                : new PanelException(kind, status, hidden, retryAfter, getCause());
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    public Kind kind() {
        return kind;
    }

    /** The panel's HTTP status, 0 when it never answered. */
    public int status() {
        return status;
    }

    /** The panel's own words ({"detail": …}), or our description of the transport failure; at most 500 characters. */
    public String panelDetail() {
        return capped(panelText);
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Whether the failure says the panel is unwell (it counts towards isolating the panel). */
    public boolean isPanelUnwell() {
        return kind == Kind.UNREACHABLE || kind == Kind.TIMEOUT || kind == Kind.PANEL_ERROR;
    }

    /** Whether repeating the same call later may succeed (the panel did not refuse it for good). */
    public boolean isTransient() {
        return switch (kind) {
            case UNREACHABLE, TIMEOUT, RATE_LIMITED, PANEL_ERROR, ISOLATED -> true;
            case CREDENTIALS_REJECTED, NOT_FOUND, REJECTED -> false;
        };
    }

    private static String capped(String text) {
        return text == null || text.length() <= LONGEST_DETAIL ? text : text.substring(0, LONGEST_DETAIL - 1) + "…";
    }

    private static String describe(Kind kind, int status, String detail) {
        return switch (kind) {
            case UNREACHABLE -> "Failed to connect to NextPanel server: " + detail;
            case TIMEOUT -> "NextPanel server did not answer in time: " + detail;
            case CREDENTIALS_REJECTED -> "NextPanel server rejected the API credentials (HTTP " + status + "): " + detail;
            case RATE_LIMITED -> "NextPanel server rate limit reached: " + detail;
            case NOT_FOUND -> "NextPanel server does not know this account: " + detail;
            case REJECTED -> "NextPanel server refused the request (HTTP " + status + "): " + detail;
            case PANEL_ERROR -> "NextPanel server failed" + (status == 0 ? "" : " (HTTP " + status + ")") + ": " + detail;
            case ISOLATED -> "NextPanel server is isolated after repeated failures: " + detail;
        };
    }
}
