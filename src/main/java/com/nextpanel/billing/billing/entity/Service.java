package com.nextpanel.billing.billing.entity;

import com.nextpanel.billing.hosting.entity.SuspensionCause;
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
import java.time.LocalDate;

/**
 * The hosting service an order bought, as billing sees it: its account, when it is next due, and
 * whether it was suspended for non-payment (only those are unsuspended by a payment).
 */
@Entity
@Table(name = "service")
public class Service {

    /** Where a service stands; follows its account on the panel. */
    public enum Status { PENDING, ACTIVE, SUSPENDED, TERMINATED, FAILED, NEEDS_ATTENTION }

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

    @Column(name = "order_id", nullable = false, updatable = false)
    private long orderId;

    @Column(name = "account_id")
    private Long accountId;

    @Convert(converter = StatusColumn.class)
    @Column(nullable = false)
    private Status status;

    @Column(name = "next_due_date", nullable = false)
    private LocalDate nextDueDate;

    @Column(name = "suspended_for_nonpayment", nullable = false)
    private boolean suspendedForNonpayment;

    @Column(name = "cancel_at")
    private LocalDate cancelAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "terminated_at")
    private Instant terminatedAt;

    protected Service() {
    }

    public Service(long customerId, long planId, long orderId, LocalDate firstDueDate, Instant now) {
        this.customerId = customerId;
        this.planId = planId;
        this.orderId = orderId;
        this.status = Status.PENDING;
        this.nextDueDate = firstDueDate;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public void attach(long account, Instant now) {
        accountId = account;
        updatedAt = now;
    }

    public void activate(Instant now) {
        status = Status.ACTIVE;
        updatedAt = now;
    }

    /** Follows its account's suspension; remembers whether a payment lifts it (shown with the service). */
    public void suspended(SuspensionCause cause, Instant now) {
        status = Status.SUSPENDED;
        suspendedForNonpayment = cause.liftedByPayment();
        updatedAt = now;
    }

    public void unsuspended(Instant now) {
        status = Status.ACTIVE;
        suspendedForNonpayment = false;
        updatedAt = now;
    }

    public void terminated(Instant now) {
        status = Status.TERMINATED;
        terminatedAt = now;
        updatedAt = now;
    }

    /**
     * Paid, but its account could not be opened (e.g. the username was taken meanwhile): an operator
     * decides. The money stays recorded; an account attached later activates it as usual.
     */
    public void needsAttention(Instant now) {
        if (status == Status.PENDING) {
            status = Status.NEEDS_ATTENTION;
            updatedAt = now;
        }
    }

    public void failed(Instant now) {
        status = Status.FAILED;
        updatedAt = now;
    }

    /** The period that starts at the current due date has been paid: the next one is due a cycle later. */
    public void paidThrough(LocalDate periodEnd, Instant now) {
        if (periodEnd.isAfter(nextDueDate)) {
            nextDueDate = periodEnd;
            updatedAt = now;
        }
    }

    /** Cancelled at the end of the paid period: terminated on the next due date, never billed again. */
    public void cancelAtPeriodEnd(Instant now) {
        cancelAt = nextDueDate;
        updatedAt = now;
    }

    public boolean isLive() {
        return status == Status.ACTIVE || status == Status.SUSPENDED;
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

    public long orderId() {
        return orderId;
    }

    public Long accountId() {
        return accountId;
    }

    public Status status() {
        return status;
    }

    public LocalDate nextDueDate() {
        return nextDueDate;
    }

    public boolean suspendedForNonpayment() {
        return suspendedForNonpayment;
    }

    public LocalDate cancelAt() {
        return cancelAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant terminatedAt() {
        return terminatedAt;
    }
}
