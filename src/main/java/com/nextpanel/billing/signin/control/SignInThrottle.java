package com.nextpanel.billing.signin.control;

import com.nextpanel.billing.signin.entity.SignInFailure;
import com.nextpanel.billing.signin.entity.SignInLimit;
import com.nextpanel.billing.signin.entity.SignInThrottled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Slows down password guessing: failed sign-ins are counted in PostgreSQL, per email and per
 * client address, so the limits hold across nodes. Each write is its own transaction: a failure
 * is recorded although the sign-in that failed answers an error.
 */
@ApplicationScoped
@Transactional(TxType.REQUIRES_NEW)
public class SignInThrottle {

    /** Guessing one customer's password. */
    static final SignInLimit PER_EMAIL = new SignInLimit(5, Duration.ofMinutes(15));
    /** One client trying many customers' passwords; higher, as an office may share an address. */
    static final SignInLimit PER_ADDRESS = new SignInLimit(20, Duration.ofMinutes(15));
    /** Kept this long, then deleted as new failures arrive: far longer than any window. */
    private static final Duration KEPT = Duration.ofDays(1);

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    /** Refuses the attempt while either limit is reached; called before the password is checked. */
    public void check(String email, String clientAddress) {
        Instant now = clock.instant();
        Optional<Duration> byEmail = PER_EMAIL.waitGiven(latest("f.email", SignInFailure.normalEmail(email),
                PER_EMAIL, now), now);
        Optional<Duration> byAddress = PER_ADDRESS.waitGiven(latest("f.clientAddress", clientAddress,
                PER_ADDRESS, now), now);
        Duration wait = byEmail.orElse(Duration.ZERO).compareTo(byAddress.orElse(Duration.ZERO)) >= 0
                ? byEmail.orElse(null) : byAddress.orElse(null);
        if (wait != null) {
            throw new SignInThrottled(wait);
        }
    }

    public void failed(String email, String clientAddress) {
        Instant now = clock.instant();
        SignInFailure failure = new SignInFailure(email, clientAddress, now);
        em.createQuery("DELETE FROM SignInFailure f WHERE (f.email = :email OR f.clientAddress = :address)"
                        + " AND f.failedAt < :old")
                .setParameter("email", SignInFailure.normalEmail(email)).setParameter("address", clientAddress)
                .setParameter("old", now.minus(KEPT)).executeUpdate();
        em.persist(failure);
    }

    /** A right password: this email's count starts again (the address's stays, it may be guessing others). */
    public void succeeded(String email) {
        em.createQuery("DELETE FROM SignInFailure f WHERE f.email = :email")
                .setParameter("email", SignInFailure.normalEmail(email)).executeUpdate();
    }

    private List<Instant> latest(String column, String value, SignInLimit limit, Instant now) {
        return em.createQuery("SELECT f.failedAt FROM SignInFailure f WHERE " + column + " = :value"
                        + " AND f.failedAt > :since ORDER BY f.failedAt DESC", Instant.class)
                .setParameter("value", value).setParameter("since", limit.windowStart(now))
                .setMaxResults(limit.failures()).getResultList();
    }
}
