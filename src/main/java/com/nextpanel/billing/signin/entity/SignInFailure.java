package com.nextpanel.billing.signin.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;

/** One failed sign-in, counted by email and by client address for the throttle. */
@Entity
@Table(name = "sign_in_failure")
public class SignInFailure {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, updatable = false)
    private String email;

    @Column(name = "client_address", nullable = false, updatable = false)
    private String clientAddress;

    @Column(name = "failed_at", nullable = false, updatable = false)
    private Instant failedAt;

    protected SignInFailure() {
    }

    public SignInFailure(String email, String clientAddress, Instant now) {
        this.email = normalEmail(email);
        this.clientAddress = clientAddress;
        this.failedAt = now;
    }

    /** Failures are counted per mailbox, whatever the case it was typed in; capped at the column's width. */
    public static String normalEmail(String email) {
        String lower = email.trim().toLowerCase(Locale.ROOT);
        return lower.length() > 254 ? lower.substring(0, 254) : lower;
    }
}
