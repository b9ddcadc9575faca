package com.nextpanel.billing.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

/**
 * Work that one node at a time must do holds a named lease in PostgreSQL (table
 * scheduler_lease). A node that dies mid-way loses the lease when it runs out.
 */
@ApplicationScoped
@Transactional(TxType.REQUIRES_NEW)
public class Leases {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    /** Takes the lease if it is free or ran out; false when another holder has it. */
    public boolean take(String name, String holder, Duration length) {
        var now = clock.instant();
        return em.createNativeQuery("UPDATE scheduler_lease SET holder = ?1, until = ?2 WHERE name = ?3 AND until < ?4")
                .setParameter(1, holder)
                .setParameter(2, now.plus(length).atOffset(ZoneOffset.UTC))
                .setParameter(3, name)
                .setParameter(4, now.atOffset(ZoneOffset.UTC))
                .executeUpdate() == 1;
    }

    public void release(String name, String holder) {
        em.createNativeQuery("UPDATE scheduler_lease SET holder = NULL, until = '-infinity' WHERE name = ?1 AND holder = ?2")
                .setParameter(1, name).setParameter(2, holder).executeUpdate();
    }
}
