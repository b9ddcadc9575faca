package com.nextpanel.billing.notify.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * An email in the outbox: pending → sent, or failed once its job's attempt budget is spent (an
 * operator's retry may still send it). The body is kept while it may still be sent, sealed if it
 * carries a secret, and wiped once it was. A job of kind SEND_EMAIL sends it: when it is tried
 * next and which node holds it are the job's.
 */
@Entity
@Table(name = "email_outbox")
public class Email {

    /** Which message this is; the database lower-cases them. */
    public enum Template {
        WELCOME, INVOICE, SUSPENSION, UNSUSPENSION, TERMINATION, EMAIL_VERIFICATION, PASSWORD_RESET,
        PAYMENT_RECEIPT;

        public String column() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * Whether its body carries a secret (the welcome email's password, a one-time sign-in
         * link), and is kept sealed.
         */
        public boolean carriesSecret() {
            return this == WELCOME || this == EMAIL_VERIFICATION || this == PASSWORD_RESET;
        }
    }

    /** Where the email stands; the database lower-cases them. */
    public enum Status {
        PENDING, SENT, FAILED;

        public String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Converter
    public static class TemplateColumn implements AttributeConverter<Template, String> {
        @Override
        public String convertToDatabaseColumn(Template template) {
            return template == null ? null : template.column();
        }

        @Override
        public Template convertToEntityAttribute(String column) {
            return column == null ? null : Template.valueOf(column.toUpperCase(Locale.ROOT));
        }
    }

    @Converter
    public static class StatusColumn implements AttributeConverter<Status, String> {
        @Override
        public String convertToDatabaseColumn(Status status) {
            return status == null ? null : status.column();
        }

        @Override
        public Status convertToEntityAttribute(String column) {
            return column == null ? null : Status.valueOf(column.toUpperCase(Locale.ROOT));
        }
    }

    @Id
    @SequenceGenerator(name = "email_outbox_id_seq", sequenceName = "email_outbox_id_seq", allocationSize = 50) // V5: ids in blocks
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "email_outbox_id_seq")
    private Long id;

    @Column(nullable = false, updatable = false)
    private String recipient;

    @Column(nullable = false, updatable = false)
    private String subject;

    @Convert(converter = TemplateColumn.class)
    @Column(nullable = false, updatable = false)
    private Template template;

    /** The body of an email that carries no secret. */
    @Column
    private String body;

    @Column(name = "body_sealed")
    private String bodySealed;

    @Convert(converter = StatusColumn.class)
    @Column(nullable = false)
    private Status status;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "account_id", updatable = false)
    private Long accountId;

    @Column(name = "service_id", updatable = false)
    private Long serviceId;

    @Column(name = "invoice_id", updatable = false)
    private Long invoiceId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "sent_at")
    private Instant sentAt;

    protected Email() {
    }

    /**
     * A new email. One whose template carries a secret gets its body from {@link #sealBody} once
     * persisted: the seal is bound to the row's id.
     */
    public Email(Template template, String recipient, String subject, String body, Long accountId, Long serviceId,
            Long invoiceId, Instant now) {
        this.template = template;
        this.recipient = recipient;
        this.subject = subject;
        this.body = template.carriesSecret() ? null : body;
        this.accountId = accountId;
        this.serviceId = serviceId;
        this.invoiceId = invoiceId;
        this.status = Status.PENDING;
        this.createdAt = now;
    }

    /** The body of an email that carries a secret, sealed to this row. */
    public void sealBody(String sealed) {
        if (!template.carriesSecret() || body != null || bodySealed != null) {
            throw new IllegalStateException("Email " + id + " takes no sealed body");
        }
        bodySealed = sealed;
    }

    /**
     * The mail server took it, on attempt {@code attempts}: the body is needed no longer. Recorded
     * whatever the email's state, since it is a fact; idempotent.
     */
    public void delivered(int attempts, Instant now) {
        if (status == Status.SENT) {
            return;
        }
        this.attempts = attempts;
        status = Status.SENT;
        sentAt = now;
        body = null;
        bodySealed = null;
        lastError = null;
    }

    /** Attempt {@code attempts} failed: it waits for the next, or has failed for good when {@code gaveUp}. */
    public void attemptFailed(int attempts, String error, boolean gaveUp) {
        if (status == Status.SENT) {
            throw new IllegalStateException("Email " + id + " was sent already");
        }
        this.attempts = attempts;
        lastError = truncate(error);
        status = gaveUp ? Status.FAILED : Status.PENDING;
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 1000 ? error : error.substring(0, 999) + "…";
    }

    public Long id() {
        return id;
    }

    public String recipient() {
        return recipient;
    }

    public String subject() {
        return subject;
    }

    public Template template() {
        return template;
    }

    /** The body to send, opened with {@code open} if it is sealed; null once sent. */
    public String body(UnaryOperator<String> open) {
        return bodySealed != null ? open.apply(bodySealed) : body;
    }

    public Status status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public String lastError() {
        return lastError;
    }

    public Long accountId() {
        return accountId;
    }

    public Long serviceId() {
        return serviceId;
    }

    public Long invoiceId() {
        return invoiceId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant sentAt() {
        return sentAt;
    }

    @Override
    public String toString() {
        return "Email[" + id + ", " + template + " to " + recipient + ", " + status + "]"; // never the body
    }
}
