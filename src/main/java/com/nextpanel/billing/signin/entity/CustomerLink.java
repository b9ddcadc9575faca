package com.nextpanel.billing.signin.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/** A one-time link sent by email; only the SHA-256 of its token is kept. It works once, until it expires. */
@Entity
@Table(name = "customer_link")
public class CustomerLink {

    @Id
    @Column(name = "token_hash")
    private String tokenHash;

    @Column(name = "customer_id", nullable = false, updatable = false)
    private long customerId;

    @Convert(converter = LinkPurpose.Column.class)
    @Column(nullable = false, updatable = false)
    private LinkPurpose purpose;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "used_at")
    private Instant usedAt;

    protected CustomerLink() {
    }

    public CustomerLink(String tokenHash, long customerId, LinkPurpose purpose, Instant now) {
        this.tokenHash = tokenHash;
        this.customerId = customerId;
        this.purpose = purpose;
        this.createdAt = now;
        this.expiresAt = now.plus(purpose.validFor());
    }

    /** Opens the link: refused when it was used already or has expired; it works only once. */
    public void use(Instant now) {
        if (usedAt != null) {
            throw new LinkRefused("This link was used already; ask for a new one");
        }
        if (!now.isBefore(expiresAt)) {
            Duration validFor = purpose.validFor();
            throw new LinkRefused("This link has expired (links work for " + validFor.toMinutes()
                    + " minutes); ask for a new one");
        }
        usedAt = now;
    }

    public long customerId() {
        return customerId;
    }

    public LinkPurpose purpose() {
        return purpose;
    }
}
