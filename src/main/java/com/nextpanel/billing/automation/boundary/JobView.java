package com.nextpanel.billing.automation.boundary;

import com.nextpanel.billing.automation.entity.Job;
import java.time.Instant;
import java.util.Locale;

/** A job as the API shows it (never its sealed secret): a panel action has an account, an email's sending an email. */
public record JobView(long id, String kind, Long accountId, Long emailId, String status, int attempts, int maxAttempts,
        Instant nextAttemptAt, boolean outcomeUnknown, String reason, String lastError, String requestedBy,
        Instant createdAt, Instant updatedAt, Instant finishedAt) {

    public static JobView of(Job j) {
        return new JobView(j.id(), j.kind().name().toLowerCase(Locale.ROOT), j.accountId(), j.emailId(),
                j.status().name().toLowerCase(Locale.ROOT), j.attempts(), j.maxAttempts(), j.nextAttemptAt(),
                j.outcomeUnknown(), j.reason(), j.lastError(), j.requestedBy(), j.createdAt(), j.updatedAt(),
                j.finishedAt());
    }
}
