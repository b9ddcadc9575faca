package com.nextpanel.billing.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One line of the append-only audit log (the table refuses UPDATE and DELETE). */
@Entity
@Table(name = "audit_log")
public class AuditEntry {

    /** How the operation ended. */
    public enum Outcome { SUCCESS, REFUSED, FAILED }

    @Id
    @SequenceGenerator(name = "audit_log_id_seq", sequenceName = "audit_log_id_seq", allocationSize = 50) // V5: ids in blocks
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_log_id_seq")
    private Long id;

    @Column(nullable = false, updatable = false)
    private Instant at;

    @Column(nullable = false, updatable = false)
    private String actor;

    @Column(nullable = false, updatable = false)
    private String action;

    @Column(name = "target_type", nullable = false, updatable = false)
    private String targetType;

    @Column(name = "target_id", updatable = false)
    private String targetId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Outcome outcome;

    @Column(updatable = false)
    private String detail;

    @Column(name = "request_id", updatable = false)
    private String requestId;

    /** The operator token that acted; null for the bootstrap token, the system and customers. */
    @Column(name = "actor_token_id", updatable = false)
    private Long actorTokenId;

    protected AuditEntry() {
    }

    public AuditEntry(Instant at, String actor, String action, String targetType, String targetId,
            Outcome outcome, String detail, String requestId, Long actorTokenId) {
        this.at = at;
        this.actor = actor;
        this.action = action;
        this.targetType = targetType;
        this.targetId = targetId;
        this.outcome = outcome;
        this.detail = detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 1999) + "…";
        this.requestId = requestId;
        this.actorTokenId = actorTokenId;
    }

    public Long actorTokenId() {
        return actorTokenId;
    }

    public Long id() {
        return id;
    }

    public Instant at() {
        return at;
    }

    public String actor() {
        return actor;
    }

    public String action() {
        return action;
    }

    public String targetType() {
        return targetType;
    }

    public String targetId() {
        return targetId;
    }

    public Outcome outcome() {
        return outcome;
    }

    public String detail() {
        return detail;
    }

    public String requestId() {
        return requestId;
    }
}
