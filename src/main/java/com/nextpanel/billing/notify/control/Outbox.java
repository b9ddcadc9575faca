package com.nextpanel.billing.notify.control;

import com.nextpanel.billing.automation.control.Jobs;
import com.nextpanel.billing.automation.entity.Job;
import com.nextpanel.billing.notify.entity.Email;
import com.nextpanel.billing.platform.OptionalFilters;
import com.nextpanel.billing.platform.Page;
import com.nextpanel.billing.platform.Refusal;
import com.nextpanel.billing.security.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;

/**
 * The email_outbox table. Each email is queued with a job that sends it ({@link EmailSending}), so
 * the queue's worker on any node sends it, retries it and gives up on it like any job.
 */
@ApplicationScoped
@Transactional
public class Outbox {

    @PersistenceContext
    EntityManager em;

    @Inject
    NotifyConfig config;

    @Inject
    SecretCipher cipher;

    @Inject
    Jobs jobs;

    @Inject
    Clock clock;

    /**
     * Queues an email and the job that sends it, its body sealed to its row if it carries a
     * secret; joins the caller's transaction. Persist gives its id at once (ids come in blocks),
     * for the seal and the job; the rows are written with the transaction's others.
     */
    public Email add(EmailMessage message) {
        Email email = new Email(message.template(), message.recipient(), message.subject(), message.body(),
                message.accountId(), message.serviceId(), message.invoiceId(), clock.instant());
        em.persist(email);
        if (message.template().carriesSecret()) {
            email.sealBody(cipher.seal(message.body(), EmailBodies.BODIES.at(email.id())));
        }
        jobs.enqueueEmail(email.id(), config.maxAttempts());
        return email;
    }

    public Email get(long id) {
        return find(id).orElseThrow(() -> Refusal.notFound("Email", id));
    }

    public Optional<Email> find(long id) {
        return Optional.ofNullable(em.find(Email.class, id));
    }

    /** The mail server took it, on attempt {@code attempts} of its job. */
    public void delivered(long id, int attempts) {
        locked(id).delivered(attempts, clock.instant());
    }

    /** Attempt {@code attempts} of its job failed; {@code gaveUp}: it was the last. */
    public void attemptFailed(long id, int attempts, String error, boolean gaveUp) {
        locked(id).attemptFailed(attempts, error, gaveUp);
    }

    /** The job to run again for an operator's retry of this email: only one that failed for good has one. */
    public long jobToRetry(Email email) {
        return jobs.needingAttentionForEmail(email.id()).map(Job::id)
                .orElseThrow(() -> Refusal.conflict("Only a failed email can be retried; email " + email.id() + " is "
                        + email.status().column()));
    }

    /** Filters of the outbox list; null means any. */
    public record Filter(Email.Status status, String recipient, Email.Template template) {
    }

    public Page<Email> search(Filter filter, Page.Request request) {
        return where(filter).page(em, "Email e", Email.class, request, "e.createdAt", "e.id");
    }

    private static OptionalFilters where(Filter filter) {
        return new OptionalFilters()
                .and("e.status = :status", "status", filter.status())
                .and("LOWER(e.recipient) = :recipient", "recipient",
                        filter.recipient() == null ? null : filter.recipient().trim().toLowerCase(java.util.Locale.ROOT))
                .and("e.template = :template", "template", filter.template());
    }

    private Email locked(long id) {
        Email email = em.find(Email.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (email == null) {
            throw Refusal.notFound("Email", id);
        }
        return email;
    }
}
