package com.nextpanel.billing.fleet.control;

import com.nextpanel.billing.fleet.entity.PanelServer;
import com.nextpanel.billing.fleet.entity.SealedCredentials;
import com.nextpanel.billing.platform.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The registered servers (removed ones are kept for history but never listed). */
@ApplicationScoped
@Transactional
public class Fleet {

    @PersistenceContext
    EntityManager em;

    public List<PanelServer> all() {
        return em.createQuery("SELECT s FROM PanelServer s WHERE s.removedAt IS NULL ORDER BY s.id", PanelServer.class)
                .getResultList();
    }

    public Optional<PanelServer> find(long id) {
        return Optional.ofNullable(em.find(PanelServer.class, id)).filter(s -> !s.removed());
    }

    public PanelServer get(long id) {
        return find(id).orElseThrow(() -> Refusal.notFound("Server", id));
    }

    /** The server, row-locked until the transaction ends (edits race with slot reservations). */
    public PanelServer lock(long id) {
        PanelServer server = em.find(PanelServer.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (server == null || server.removed()) {
            throw Refusal.notFound("Server", id);
        }
        return server;
    }

    public void add(PanelServer server) {
        refuseTakenName(server.name(), null);
        em.persist(server);
        em.flush();
    }

    public PanelServer replaceCredentials(long id, SealedCredentials sealed, String baseUrl, Instant now) {
        PanelServer server = lock(id);
        server.replaceCredentials(sealed, baseUrl, now);
        return server;
    }

    public void reseal(long id, ServerCredentials credentials) {
        PanelServer server = lock(id);
        server.reseal(credentials.reseal(server));
    }

    public void refuseTakenName(String name, Long exceptId) {
        boolean taken = !em.createQuery("SELECT s.id FROM PanelServer s WHERE LOWER(s.name) = LOWER(:name)"
                        + " AND s.removedAt IS NULL AND s.id <> :except", Long.class)
                .setParameter("name", name)
                .setParameter("except", exceptId == null ? -1L : exceptId)
                .getResultList().isEmpty();
        if (taken) {
            throw Refusal.conflict("A server named '" + name + "' already exists");
        }
    }
}
