package com.nextpanel.billing.alert.entity;

import com.nextpanel.billing.platform.LowerCaseEnumColumn;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;

/** Something an operator should look at; open until resolved, by a person or by the fix itself. */
@Entity
@Table(name = "alert")
public class Alert {

    /** What the alert is about. */
    public enum Kind {
        SERVER_OFFLINE, SERVER_NEARLY_FULL, JOB_NEEDS_ATTENTION, SERVICE_NEEDS_ATTENTION;

        public String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Alert kinds are lower-case in the database and the API. */
    @Converter
    public static class KindColumn extends LowerCaseEnumColumn<Kind>
            implements AttributeConverter<Kind, String> { // EclipseLink reads the column type here
        public KindColumn() {
            super(Kind.class);
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Convert(converter = KindColumn.class)
    @Column(nullable = false, updatable = false)
    private Kind kind;

    @Column(name = "target_type", nullable = false, updatable = false)
    private String targetType;

    @Column(name = "target_id", nullable = false, updatable = false)
    private long targetId;

    @Column(nullable = false)
    private String message;

    @Column(name = "opened_at", nullable = false, updatable = false)
    private Instant openedAt;

    @Column(name = "resolved_at")
    private Instant resolvedAt;

    @Column(name = "resolved_by")
    private String resolvedBy;

    protected Alert() {
    }

    public void resolve(String by, Instant now) {
        if (resolvedAt == null) {
            resolvedAt = now;
            resolvedBy = by;
        }
    }

    public Long id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    public String targetType() {
        return targetType;
    }

    public long targetId() {
        return targetId;
    }

    public String message() {
        return message;
    }

    public Instant openedAt() {
        return openedAt;
    }

    public Instant resolvedAt() {
        return resolvedAt;
    }

    public String resolvedBy() {
        return resolvedBy;
    }

    public boolean open() {
        return resolvedAt == null;
    }
}
