package com.nextpanel.billing.hosting.boundary;

import com.nextpanel.billing.hosting.entity.HostingAccount;
import java.time.Instant;

/**
 * An account as the API shows it. {@code id} is the integration guide's account_id.
 * {@code needsAttention}: what an operator must check, when a job of the account waits for one
 * (e.g. a create whose outcome is unknown: is the account on the panel?); null otherwise.
 * {@code suspensionCause}: "non_payment" (a payment lifts it) or "operator", beside the reason's text.
 */
public record AccountView(long id, long accountId, Long serverId, Long nextpanelUserId, String username, String email,
        String fullName, String phone, String company, Long packageId, Long customerId, Long orderId, String status,
        Instant suspendedAt, String suspensionReason, String suspensionCause, Instant terminatedAt,
        String failureReason, String needsAttention, Instant createdAt, Instant updatedAt) {

    static AccountView of(HostingAccount a, String needsAttention) {
        return new AccountView(a.id(), a.id(), a.serverId(), a.panelUserId(), a.username(), a.email(), a.fullName(),
                a.phone(), a.company(), a.packageId(), a.customerId(), a.orderId(), a.status().label(), a.suspendedAt(),
                a.suspensionReason(), a.suspensionCause() == null ? null : a.suspensionCause().label(),
                a.terminatedAt(), a.failureReason(), needsAttention, a.createdAt(), a.updatedAt());
    }
}
