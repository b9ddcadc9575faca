package com.nextpanel.billing.billing.entity;

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

/** A customer's order of a plan: pending until paid, active once its account exists. */
@Entity
@Table(name = "hosting_order")
public class HostingOrder {

    /** Where an order stands. */
    public enum Status { PENDING, PAID, ACTIVE, CANCELLED, FAILED }

    /** Stored lower-case. */
    @Converter
    public static class StatusColumn extends LowerCaseEnumColumn<Status>
            implements AttributeConverter<Status, String> { // EclipseLink reads the column type here
        public StatusColumn() {
            super(Status.class);
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "customer_id", nullable = false, updatable = false)
    private long customerId;

    @Column(name = "plan_id", nullable = false, updatable = false)
    private long planId;

    @Column(nullable = false, updatable = false)
    private String username;

    @Convert(converter = StatusColumn.class)
    @Column(nullable = false)
    private Status status;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "paid_at")
    private Instant paidAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /** How the customer chose to pay in the store ("stripe" or "bank_transfer"); null for an operator's order. */
    private String gateway;

    protected HostingOrder() {
    }

    public HostingOrder(long customerId, long planId, String username, Instant now) {
        this.customerId = customerId;
        this.planId = planId;
        this.username = username;
        this.status = Status.PENDING;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Answers false when it was paid already: paying twice changes nothing. */
    public boolean markPaid(Instant now) {
        if (status != Status.PENDING) {
            return false;
        }
        status = Status.PAID;
        paidAt = now;
        updatedAt = now;
        return true;
    }

    public void activate(Instant now) {
        if (status == Status.PAID || status == Status.FAILED) {
            status = Status.ACTIVE;
            updatedAt = now;
        }
    }

    public void fail(Instant now) {
        if (status == Status.PAID) {
            status = Status.FAILED;
            updatedAt = now;
        }
    }

    public void payBy(String gateway) {
        this.gateway = gateway;
    }

    public String gateway() {
        return gateway;
    }

    public Long id() {
        return id;
    }

    public long customerId() {
        return customerId;
    }

    public long planId() {
        return planId;
    }

    public String username() {
        return username;
    }

    public Status status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant paidAt() {
        return paidAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
