package com.nextpanel.billing.signin.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/**
 * A signed-in customer, kept in PostgreSQL so any node serves any request. Known by the SHA-256
 * of the cookie's id only. It ends after {@link SessionLifetime#idle()} without a request, and
 * {@link SessionLifetime#maximum()} after sign-in at the latest: {@code expires_at} holds the
 * earlier of the two, so one comparison (and one index) says whether it still counts.
 */
@Entity
@Table(name = "customer_session")
public class CustomerSession {

    /** Writing last_seen_at on every request would turn each read into a write. */
    static final Duration LAST_SEEN_PRECISION = Duration.ofMinutes(5);

    @Id
    @Column(name = "id_hash")
    private String idHash;

    @Column(name = "customer_id", nullable = false, updatable = false)
    private long customerId;

    @Column(name = "csrf_token", nullable = false, updatable = false)
    private String csrfToken;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "last_seen_at", nullable = false)
    private Instant lastSeenAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected CustomerSession() {
    }

    public CustomerSession(String idHash, long customerId, String csrfToken, Instant now, SessionLifetime lifetime) {
        this.idHash = idHash;
        this.customerId = customerId;
        this.csrfToken = csrfToken;
        this.createdAt = now;
        this.lastSeenAt = now;
        this.expiresAt = lifetime.expiry(now, now);
    }

    public boolean isActiveAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    /**
     * A request came with the session: pushes the idle expiry on. Answers whether anything
     * changed; within {@link #LAST_SEEN_PRECISION} of the last write nothing does.
     */
    public boolean seen(Instant now, SessionLifetime lifetime) {
        if (now.isBefore(lastSeenAt.plus(LAST_SEEN_PRECISION))) {
            return false;
        }
        lastSeenAt = now;
        expiresAt = lifetime.expiry(createdAt, now);
        return true;
    }

    public String idHash() {
        return idHash;
    }

    public long customerId() {
        return customerId;
    }

    public String csrfToken() {
        return csrfToken;
    }

    public Instant lastSeenAt() {
        return lastSeenAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
