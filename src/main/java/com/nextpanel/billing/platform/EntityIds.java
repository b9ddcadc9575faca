package com.nextpanel.billing.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import org.eclipse.persistence.sessions.Session;

/**
 * Ids for rows that SQL writes instead of persist ({@link StandaloneStatements}), taken as
 * persist takes them: from EclipseLink's sequencing, so that one node hands out one run of
 * ids per entity whichever way its rows are written.
 */
@ApplicationScoped
public class EntityIds {

    @PersistenceUnit(unitName = "billing")
    EntityManagerFactory entities;

    private volatile Session session;

    public long next(Class<?> entity) {
        return ((Number) session().getNextSequenceNumberValue(entity)).longValue();
    }

    private Session session() {
        Session known = session;
        if (known == null) {
            known = entities.unwrap(Session.class);
            session = known;
        }
        return known;
    }
}
