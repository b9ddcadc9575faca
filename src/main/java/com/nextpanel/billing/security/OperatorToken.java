package com.nextpanel.billing.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** An operator's API token; only its hash is kept. */
@Entity
@Table(name = "operator_token")
@NamedQuery(name = "OperatorToken.byHash",
        query = "SELECT t FROM OperatorToken t WHERE t.tokenHash = :hash AND t.revokedAt IS NULL")
public class OperatorToken {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String role;

    @Column(name = "token_hash", nullable = false, unique = true)
    private String tokenHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected OperatorToken() {
    }

    public OperatorToken(String name, String role, String tokenHash, Instant createdAt) {
        this.name = name;
        this.role = role;
        this.tokenHash = tokenHash;
        this.createdAt = createdAt;
    }

    public void usedAt(Instant now) {
        lastUsedAt = now;
    }

    public void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    public Long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String role() {
        return role;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }

    public Instant revokedAt() {
        return revokedAt;
    }
}
