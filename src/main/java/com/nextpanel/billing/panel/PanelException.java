package com.nextpanel.billing.panel;

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

    private final Kind kind;
    private final int status;
    private final String panelDetail;
    private final Duration retryAfter;

    public PanelException(Kind kind, int status, String panelDetail, Duration retryAfter, Throwable cause) {
        super(describe(kind, status, panelDetail), cause);
        this.kind = kind;
        this.status = status;
        this.panelDetail = panelDetail;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** The panel's HTTP status, 0 when it never answered. */
    public int status() {
        return status;
    }

    /** The panel's own words ({"detail": …}), or our description of the transport failure. */
    public String panelDetail() {
        return panelDetail;
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
