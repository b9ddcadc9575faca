package com.nextpanel.billing.signin.control;

import com.nextpanel.billing.security.TokenHash;
import com.nextpanel.billing.signin.entity.CustomerSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Customer sessions in PostgreSQL: started at sign-in, found on each call, ended by sign-out. */
@ApplicationScoped
@Transactional
public class CustomerSessions {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    SigninConfig config;

    /** A session just started: the only moment its id exists outside the customer's browser. */
    public record Started(String id, String csrfToken) {
        @Override
        public String toString() {
            return "Started[session]";
        }
    }

    /**
     * Starts a session for the customer, and ends the one whose id hash is {@code replacedHash}
     * (the cookie the browser signed in with, if any): the id changes at sign-in, so an id planted
     * in the browser before it never becomes a signed-in one.
     */
    public Started start(long customerId, String replacedHash) {
        Instant now = clock.instant();
        if (replacedHash != null) {
            end(replacedHash);
        }
        em.createQuery("DELETE FROM CustomerSession s WHERE s.customerId = :customer AND s.expiresAt <= :now")
                .setParameter("customer", customerId).setParameter("now", now).executeUpdate();
        String id = TokenHash.random();
        String csrfToken = TokenHash.random();
        em.persist(new CustomerSession(TokenHash.of(id), customerId, csrfToken, now, config.sessionLifetime()));
        return new Started(id, csrfToken);
    }

    /** The session with this id hash if it still counts; a request with it keeps it alive. */
    public Optional<CustomerSession> findActive(String idHash) {
        CustomerSession session = em.find(CustomerSession.class, idHash);
        Instant now = clock.instant();
        if (session == null) {
            return Optional.empty();
        }
        if (!session.isActiveAt(now)) {
            em.remove(session);
            return Optional.empty();
        }
        session.seen(now, config.sessionLifetime());
        return Optional.of(session);
    }

    public void end(String idHash) {
        em.createQuery("DELETE FROM CustomerSession s WHERE s.idHash = :hash").setParameter("hash", idHash)
                .executeUpdate();
    }

    /** Signs the customer out everywhere. */
    public int endAll(long customerId) {
        return em.createQuery("DELETE FROM CustomerSession s WHERE s.customerId = :customer")
                .setParameter("customer", customerId).executeUpdate();
    }

    /** Signs the customer out everywhere but in the session with id hash {@code keptHash}. */
    public int endAllBut(long customerId, String keptHash) {
        return em.createQuery("DELETE FROM CustomerSession s WHERE s.customerId = :customer AND s.idHash <> :kept")
                .setParameter("customer", customerId).setParameter("kept", keptHash).executeUpdate();
    }
}
