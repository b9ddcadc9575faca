package com.nextpanel.billing.billing.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/** One run of the billing automation and what it did. */
@Entity
@Table(name = "automation_run")
public class AutomationRun {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, updatable = false)
    private String trigger;

    @Column(nullable = false, updatable = false)
    private String node;

    @Column(name = "started_at", nullable = false, updatable = false)
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "business_date", nullable = false, updatable = false)
    private LocalDate businessDate;

    @Column(name = "overdue_marked", nullable = false)
    private int overdueMarked;

    @Column(nullable = false)
    private int suspended;

    @Column(nullable = false)
    private int unsuspended;

    @Column(nullable = false)
    private int terminated;

    @Column(name = "invoices_created", nullable = false)
    private int invoicesCreated;

    @Column(nullable = false)
    private int failures;

    private String detail;

    protected AutomationRun() {
    }

    public AutomationRun(String trigger, String node, LocalDate businessDate, Instant now) {
        this.trigger = trigger;
        this.node = node;
        this.businessDate = businessDate;
        this.startedAt = now;
    }

    /** The counts of a finished run. */
    public record Tally(int overdueMarked, int suspended, int unsuspended, int terminated, int invoicesCreated,
            int failures, String detail) {
    }

    public void finish(Tally tally, Instant now) {
        overdueMarked = tally.overdueMarked();
        suspended = tally.suspended();
        unsuspended = tally.unsuspended();
        terminated = tally.terminated();
        invoicesCreated = tally.invoicesCreated();
        failures = tally.failures();
        detail = tally.detail() == null || tally.detail().length() <= 4000 ? tally.detail()
                : tally.detail().substring(0, 3999) + "…";
        finishedAt = now;
    }

    /**
     * Closes a run whose node died mid-way (its lease ran out, {@code successor} holds it now):
     * the successor does the day again, each step idempotent. Should the run still be going, its
     * own {@link #finish} later overwrites this.
     */
    public void abandoned(long successor, Instant now) {
        if (finishedAt != null) {
            throw new IllegalStateException("Run " + id + " has finished");
        }
        failures = failures + 1;
        detail = "Did not finish (its node stopped or lost the lease); run " + successor + " did the day's work";
        finishedAt = now;
    }

    public Long id() {
        return id;
    }

    public String trigger() {
        return trigger;
    }

    public String node() {
        return node;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public LocalDate businessDate() {
        return businessDate;
    }

    public int overdueMarked() {
        return overdueMarked;
    }

    public int suspended() {
        return suspended;
    }

    public int unsuspended() {
        return unsuspended;
    }

    public int terminated() {
        return terminated;
    }

    public int invoicesCreated() {
        return invoicesCreated;
    }

    public int failures() {
        return failures;
    }

    public String detail() {
        return detail;
    }
}
