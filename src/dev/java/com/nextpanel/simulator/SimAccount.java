package com.nextpanel.simulator;

import java.time.Instant;

/**
 * Snapshot of an account held by a {@link NextPanelSimulator}.
 * {@code packageId} is kept as sent: a {@link Long} for a JSON integer, a {@link String} for a JSON string
 * (or any other JSON number), {@code null} if absent.
 */
public record SimAccount(long id, String username, String email, String fullName, String phone, String company,
                         Object packageId, String billingId, String status, String suspensionReason,
                         boolean deleted, Instant createdAt) {

    SimAccount withStatus(String newStatus, String reason) {
        return new SimAccount(id, username, email, fullName, phone, company, packageId, billingId,
                newStatus, reason, deleted, createdAt);
    }

    SimAccount asDeleted() {
        return new SimAccount(id, username, email, fullName, phone, company, packageId, billingId,
                status, suspensionReason, true, createdAt);
    }
}
