package com.nextpanel.billing.notify.boundary;

import com.nextpanel.billing.notify.entity.Email;
import java.time.Instant;

/** An outbox email as the API shows it: never its body. */
public record EmailView(long id, String recipient, String subject, String template, String status, int attempts,
        String lastError, Long accountId, Long serviceId, Long invoiceId, Instant createdAt,
        Instant sentAt) {

    public static EmailView of(Email e) {
        return new EmailView(e.id(), e.recipient(), e.subject(), e.template().column(), e.status().column(),
                e.attempts(), e.lastError(), e.accountId(), e.serviceId(), e.invoiceId(),
                e.createdAt(), e.sentAt());
    }
}
