package com.nextpanel.billing.platform;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import org.eclipse.persistence.sessions.Session;

/**
 * Ids taken ahead of the insert, for rows that seal a secret to their own id
 * (security.SealedPlace). Taken as persist takes them, from EclipseLink's sequencing.
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
