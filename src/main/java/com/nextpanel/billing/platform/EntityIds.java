package com.nextpanel.billing.platform;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import org.eclipse.persistence.sessions.Session;

/**
 * An id taken ahead of the insert, from EclipseLink's sequencing, for a row built with a secret
 * sealed to its own id (a panel server: its credentials are part of it from the start). Call it
 * outside a transaction only: when the sequence's block runs out it takes a connection of its
 * own, which threads that each hold one could wait for until the pool gives up. Inside a
 * transaction, persist first and seal after, as jobs and emails do.
 */
@ApplicationScoped
public class EntityIds {

    @PersistenceUnit(unitName = "billing")
    EntityManagerFactory entities;

    private Session session;

    @PostConstruct
    void findSession() {
        session = entities.unwrap(Session.class);
    }

    public long next(Class<?> entity) {
        return ((Number) session.getNextSequenceNumberValue(entity)).longValue();
    }
}
