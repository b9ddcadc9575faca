package com.nextpanel.billing.billing.entity;

import com.nextpanel.billing.platform.ErrorCode;
import com.nextpanel.billing.platform.LowerCaseEnumColumn;
import com.nextpanel.billing.platform.Refusal;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.persistence.annotations.BatchFetch;
import org.eclipse.persistence.annotations.BatchFetchType;

/** What a customer owes for an order or for one period of a service. */
@Entity
@Table(name = "invoice")
public class Invoice {

    /** Where an invoice stands. */
    public enum Status { UNPAID, PAID, OVERDUE, CANCELLED }

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

    @Column(nullable = false, updatable = false)
    private String number;

    @Column(name = "customer_id", nullable = false, updatable = false)
    private long customerId;

    @Column(name = "order_id", updatable = false)
    private Long orderId;

    @Column(name = "service_id", updatable = false)
    private Long serviceId;

    @Column(name = "period_start", updatable = false)
    private LocalDate periodStart;

    @Column(name = "period_end", updatable = false)
    private LocalDate periodEnd;

    @Embedded
    @AttributeOverride(name = "amount", column = @Column(name = "total", nullable = false))
    private Money total;

    @Column(name = "due_date", nullable = false)
    private LocalDate dueDate;

    @Convert(converter = StatusColumn.class)
    @Column(nullable = false)
    private Status status;

    @Column(name = "issued_at", nullable = false, updatable = false)
    private Instant issuedAt;

    @Column(name = "paid_at")
    private Instant paidAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @BatchFetch(BatchFetchType.IN) // a page of invoices reads their lines in one query
    @CollectionTable(name = "invoice_line", joinColumns = @JoinColumn(name = "invoice_id"))
    @OrderBy("position")
    private List<InvoiceLine> lines = new ArrayList<>();

    protected Invoice() {
    }

    /** An invoice for one period of a service (the order's first one included). */
    public Invoice(String number, Service service, long orderId, Plan plan, LocalDate periodStart, LocalDate dueDate,
            String description, Instant now) {
        this.number = number;
        this.customerId = service.customerId();
        this.orderId = orderId;
        this.serviceId = service.id();
        this.periodStart = periodStart;
        this.periodEnd = plan.billingCycle().after(periodStart);
        this.total = plan.price();
        this.dueDate = dueDate;
        this.status = Status.UNPAID;
        this.issuedAt = now;
        this.lines.add(new InvoiceLine(1, description + " (" + periodStart + " to " + periodEnd + ")",
                plan.price().amount()));
    }

    /** Applies a payment; answers true when this payment settled the invoice. */
    public boolean settleIfCovered(Money paidSoFar, Instant now) {
        if (status == Status.PAID) {
            return false;
        }
        if (status == Status.CANCELLED) {
            throw Refusal.conflict("Invoice " + number + " is cancelled and takes no payment");
        }
        if (!paidSoFar.covers(total)) {
            return false;
        }
        status = Status.PAID;
        paidAt = now;
        return true;
    }

    public void requirePayable(Money payment) {
        if (status == Status.CANCELLED) {
            throw Refusal.conflict("Invoice " + number + " is cancelled and takes no payment");
        }
        if (!payment.currency().equals(total.currency())) {
            throw new Refusal(ErrorCode.CURRENCY_MISMATCH,
                    "Invoice " + number + " is in " + total.currency() + ", not " + payment.currency());
        }
    }

    /** What is still owed once {@code paidSoFar} is counted (never below zero). */
    public Money owed(Money paidSoFar) {
        BigDecimal left = total.amount().subtract(paidSoFar.amount());
        return new Money(left.signum() < 0 ? BigDecimal.ZERO : left, total.currency());
    }

    /** A payment may settle what is owed, never more: an overpayment is refused before anything is written. */
    public void requireWithinOwed(Money payment, Money paidSoFar) {
        Money owed = owed(paidSoFar);
        if (!owed.covers(payment)) {
            throw new Refusal(ErrorCode.AMOUNT_ABOVE_OWED, "Invoice " + number
                    + " still owes " + owed + "; a payment of " + payment + " was not recorded");
        }
    }

    public boolean isOpen() {
        return status == Status.UNPAID || status == Status.OVERDUE;
    }

    public Long id() {
        return id;
    }

    public String number() {
        return number;
    }

    public long customerId() {
        return customerId;
    }

    public Long orderId() {
        return orderId;
    }

    public Long serviceId() {
        return serviceId;
    }

    public LocalDate periodStart() {
        return periodStart;
    }

    public LocalDate periodEnd() {
        return periodEnd;
    }

    public Money total() {
        return total;
    }

    public LocalDate dueDate() {
        return dueDate;
    }

    public Status status() {
        return status;
    }

    public Instant issuedAt() {
        return issuedAt;
    }

    public Instant paidAt() {
        return paidAt;
    }

    public List<InvoiceLine> lines() {
        return List.copyOf(lines);
    }

}
