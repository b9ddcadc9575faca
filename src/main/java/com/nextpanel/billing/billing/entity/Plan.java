package com.nextpanel.billing.billing.entity;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A hosting plan for sale: its price per cycle and the panel package it maps to. */
@Entity
@Table(name = "plan")
public class Plan {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String name;

    @Embedded
    @AttributeOverride(name = "amount", column = @Column(name = "price", nullable = false))
    private Money price;

    @Convert(converter = BillingCycleColumn.class)
    @Column(name = "billing_cycle", nullable = false)
    private BillingCycle billingCycle;

    @Column(name = "package_id", nullable = false)
    private long packageId;

    @Column(name = "preferred_location")
    private String preferredLocation;

    @Column(name = "preferred_tag")
    private String preferredTag;

    @Column(name = "is_active", nullable = false)
    private boolean active;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected Plan() {
    }

    public Plan(String name, Money price, BillingCycle billingCycle, long packageId, String preferredLocation,
            String preferredTag, boolean active, Instant now) {
        this.name = name;
        this.price = price;
        this.billingCycle = billingCycle;
        this.packageId = packageId;
        this.preferredLocation = preferredLocation;
        this.preferredTag = preferredTag;
        this.active = active;
        this.createdAt = now;
    }

    public void activate(boolean on) {
        active = on;
    }

    public Long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Money price() {
        return price;
    }

    public BillingCycle billingCycle() {
        return billingCycle;
    }

    public long packageId() {
        return packageId;
    }

    public String preferredLocation() {
        return preferredLocation;
    }

    public String preferredTag() {
        return preferredTag;
    }

    public boolean active() {
        return active;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
