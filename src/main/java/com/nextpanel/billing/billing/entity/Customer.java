package com.nextpanel.billing.billing.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Someone who buys hosting. */
@Entity
@Table(name = "customer")
public class Customer {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String email;

    @Column(name = "full_name", nullable = false)
    private String fullName;

    private String phone;

    private String company;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    /** A Pbkdf2PasswordHash value; null until the customer sets a password (signs up, or claims the account). */
    @Column(name = "password_hash")
    private String passwordHash;

    @Column(name = "email_verified_at")
    private Instant emailVerifiedAt;

    protected Customer() {
    }

    public Customer(String email, String fullName, String phone, String company, Instant now) {
        this.email = email;
        this.fullName = fullName;
        this.phone = phone;
        this.company = company;
        this.createdAt = now;
    }

    public Long id() {
        return id;
    }

    public String email() {
        return email;
    }

    public String fullName() {
        return fullName;
    }

    public String phone() {
        return phone;
    }

    public String company() {
        return company;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** An operator-created customer has none until claiming the account through "reset password". */
    public boolean hasPassword() {
        return passwordHash != null;
    }

    public String passwordHash() {
        return passwordHash;
    }

    /** {@code hash} is already hashed: the plain password never reaches an entity. */
    public void changePasswordHash(String hash) {
        if (hash == null || hash.isBlank()) {
            throw new IllegalArgumentException("A password hash is required");
        }
        this.passwordHash = hash;
    }

    public boolean isEmailVerified() {
        return emailVerifiedAt != null;
    }

    public Instant emailVerifiedAt() {
        return emailVerifiedAt;
    }

    /** The customer proved control of the mailbox; the first proof's time is kept. */
    public void emailVerified(Instant now) {
        if (emailVerifiedAt == null) {
            emailVerifiedAt = now;
        }
    }

    /** The customer's own edit of their details; the email is not among them (it signs them in). */
    public void changeProfile(String fullName, String phone, String company) {
        if (fullName == null || fullName.isBlank()) {
            throw new IllegalArgumentException("A full name is required");
        }
        this.fullName = fullName;
        this.phone = phone;
        this.company = company;
    }
}
