package com.nextpanel.billing.signin.control;

import com.nextpanel.billing.security.TokenHash;
import com.nextpanel.billing.signin.entity.CustomerLink;
import com.nextpanel.billing.signin.entity.LinkPurpose;
import com.nextpanel.billing.signin.entity.LinkRefused;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;

/** One-time links sent by email: the token goes into the link, its SHA-256 into the table. */
@ApplicationScoped
@Transactional
public class CustomerLinks {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    /**
     * A new link's token. A new password-reset link replaces the customer's unused ones: only the
     * latest email works, so an older one lying in the mailbox opens nothing.
     */
    public String issue(long customerId, LinkPurpose purpose) {
        if (purpose == LinkPurpose.RESET_PASSWORD) {
            em.createQuery("DELETE FROM CustomerLink l WHERE l.customerId = :customer AND l.purpose = :purpose"
                            + " AND l.usedAt IS NULL")
                    .setParameter("customer", customerId).setParameter("purpose", purpose).executeUpdate();
        }
        String token = TokenHash.random();
        em.persist(new CustomerLink(TokenHash.of(token), customerId, purpose, clock.instant()));
        return token;
    }

    /**
     * Uses the link: answers its customer, or refuses (unknown, replaced, used, expired). The row
     * is locked while it is used, so two clicks at once, on any nodes, use it once.
     */
    public long use(String token, LinkPurpose purpose) {
        CustomerLink link = em.find(CustomerLink.class, TokenHash.of(token), LockModeType.PESSIMISTIC_WRITE);
        if (link == null || link.purpose() != purpose) {
            throw new LinkRefused("This link is not valid (it may have been replaced by a newer one); ask for a new one");
        }
        link.use(clock.instant());
        return link.customerId();
    }
}
