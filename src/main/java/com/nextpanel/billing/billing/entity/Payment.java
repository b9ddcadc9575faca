package com.nextpanel.billing.billing.entity;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Money received against an invoice; its external reference is unique, so a replay is harmless. */
@Entity
@Table(name = "payment")
public class Payment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "invoice_id", nullable = false, updatable = false)
    private long invoiceId;

    @Embedded
    @AttributeOverride(name = "amount", column = @Column(name = "amount", nullable = false))
    private Money amount;

    @Column(nullable = false, updatable = false)
    private String method;

    @Column(name = "external_reference", nullable = false, updatable = false)
    private String externalReference;

    @Column(name = "received_at", nullable = false, updatable = false)
    private Instant receivedAt;

    protected Payment() {
    }

    public Payment(long invoiceId, Money amount, String method, String externalReference, Instant now) {
        this.invoiceId = invoiceId;
        this.amount = amount;
        this.method = method;
        this.externalReference = externalReference;
        this.receivedAt = now;
    }

    /** Whether a notification carrying this payment's reference describes this very payment (a replay). */
    public boolean sameAs(long otherInvoiceId, Money otherAmount) {
        return invoiceId == otherInvoiceId && amount.equals(otherAmount);
    }

    public Long id() {
        return id;
    }

    public long invoiceId() {
        return invoiceId;
    }

    public Money amount() {
        return amount;
    }

    public String method() {
        return method;
    }

    public String externalReference() {
        return externalReference;
    }

    public Instant receivedAt() {
        return receivedAt;
    }
}
