package com.nextpanel.billing.alert.control;

import com.nextpanel.billing.alert.entity.Alert;
import com.nextpanel.billing.platform.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Opens and closes alerts. Raising is idempotent (one open alert per kind and target, enforced by
 * a unique index), so every node may raise the same alert without duplicates.
 */
@ApplicationScoped
@Transactional
public class Alerts {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    public void raise(Alert.Kind kind, String targetType, long targetId, String message) {
        em.createNativeQuery("INSERT INTO alert (kind, target_type, target_id, message, opened_at)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5)"
                        + " ON CONFLICT (kind, target_type, target_id) WHERE resolved_at IS NULL DO NOTHING")
                .setParameter(1, kind.column())
                .setParameter(2, targetType)
                .setParameter(3, targetId)
                .setParameter(4, message.length() > 1000 ? message.substring(0, 999) + "…" : message)
                .setParameter(5, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .executeUpdate();
    }

    /** Closes the open alert of this kind on the target, if any: the condition went away by itself. */
    public void clear(Alert.Kind kind, String targetType, long targetId) {
        em.createQuery("SELECT a FROM Alert a WHERE a.kind = :kind AND a.targetType = :type"
                        + " AND a.targetId = :id AND a.resolvedAt IS NULL", Alert.class)
                .setParameter("kind", kind)
                .setParameter("type", targetType)
                .setParameter("id", targetId)
                .getResultList()
                .forEach(alert -> alert.resolve("system", clock.instant()));
    }

    public Alert resolve(long id, String by) {
        Alert alert = em.find(Alert.class, id);
        if (alert == null) {
            throw Refusal.notFound("Alert", id);
        }
        alert.resolve(by, clock.instant());
        return alert;
    }

    /** Open alerts first, newest first. */
    public List<Alert> list(Boolean open, int offset, int limit) {
        String where = open == null ? "" : open ? " WHERE a.resolvedAt IS NULL" : " WHERE a.resolvedAt IS NOT NULL";
        return em.createQuery("SELECT a FROM Alert a" + where
                        + " ORDER BY CASE WHEN a.resolvedAt IS NULL THEN 0 ELSE 1 END, a.openedAt DESC, a.id DESC", Alert.class)
                .setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long count(Boolean open) {
        String where = open == null ? "" : open ? " WHERE a.resolvedAt IS NULL" : " WHERE a.resolvedAt IS NOT NULL";
        return em.createQuery("SELECT COUNT(a) FROM Alert a" + where, Long.class).getSingleResult();
    }
}
