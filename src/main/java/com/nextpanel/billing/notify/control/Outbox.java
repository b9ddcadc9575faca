package com.nextpanel.billing.notify.control;

import com.nextpanel.billing.notify.entity.Email;
import com.nextpanel.billing.platform.NodeName;
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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The email_outbox table. Claims are single SQL statements (FOR UPDATE SKIP LOCKED), so that any
 * number of nodes may work the outbox and each email is sent by one of them.
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
    Clock clock;

    /**
     * Queues an email, its body sealed to its row if it carries a secret; joins the caller's
     * transaction. Persist gives its id at once (ids come in blocks), for the seal; the row is
     * written with the transaction's others.
     */
    public Email add(EmailMessage message) {
        Email email = new Email(message.template(), message.recipient(), message.subject(), message.body(),
                message.accountId(), message.serviceId(), message.invoiceId(), clock.instant());
        em.persist(email);
        if (message.template().carriesSecret()) {
            email.sealBody(cipher.seal(message.body(), EmailBodies.BODIES.at(email.id())));
        }
        return email;
    }

    public Email get(long id) {
        return find(id).orElseThrow(() -> Refusal.notFound("Email", id));
    }

    public Optional<Email> find(long id) {
        return Optional.ofNullable(em.find(Email.class, id));
    }

    /**
     * Claims due emails for this node (status sending, with a lease), and emails whose sender's
     * lease ran out. Answers them as claimed, oldest due first.
     */
    @SuppressWarnings("unchecked")
    public List<Email> claimDue(int limit) {
        Instant now = clock.instant();
        // MATERIALIZED: as an IN (subquery) the pick may be run again per row, claiming past the limit
        List<Number> ids = em.createNativeQuery("WITH picked AS MATERIALIZED (SELECT id FROM email_outbox"
                        + "   WHERE (status = 'pending' AND next_attempt_at <= ?3)"
                        + "      OR (status = 'sending' AND claimed_until < ?3)"
                        + "   ORDER BY next_attempt_at, id LIMIT ?4 FOR UPDATE SKIP LOCKED)"
                        + " UPDATE email_outbox SET status = 'sending', attempts = attempts + 1,"
                        + " claimed_by = ?1, claimed_until = ?2"
                        + " WHERE id IN (SELECT id FROM picked) RETURNING id")
                .setParameter(1, NodeName.ID)
                .setParameter(2, at(now.plus(config.lease())))
                .setParameter(3, at(now))
                .setParameter(4, limit)
                .getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery("SELECT e FROM Email e WHERE e.id IN :ids ORDER BY e.nextAttemptAt, e.id", Email.class)
                .setParameter("ids", ids.stream().map(Number::longValue).toList())
                .getResultList();
    }

    /** The mail server took it. Recorded even if our lease ran out meanwhile: it was sent. */
    public Email delivered(long id) {
        Email email = locked(id);
        email.delivered(clock.instant());
        return email;
    }

    /** Records a failed attempt, unless another node has taken the email over since. */
    public Email attemptFailed(long id, String error) {
        Email email = locked(id);
        if (email.isClaimedBy(NodeName.ID)) {
            Instant now = clock.instant();
            email.attemptFailed(error, now.plus(config.backoffAfter(email.attempts())), config.maxAttempts());
        }
        return email;
    }

    /** Gives an email back unsent, when too little of the lease is left to send it safely. */
    public void handBack(long id) {
        Email email = locked(id);
        if (email.isClaimedBy(NodeName.ID)) {
            email.handBack(clock.instant());
        }
    }

    public Email retryByOperator(long id) {
        Email email = locked(id);
        try {
            email.retryByOperator(clock.instant());
        } catch (IllegalStateException e) {
            throw Refusal.conflict(e.getMessage());
        }
        return email;
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

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
