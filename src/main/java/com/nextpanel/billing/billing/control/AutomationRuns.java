package com.nextpanel.billing.billing.control;

import com.nextpanel.billing.billing.entity.AutomationRun;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;

/** The record of automation runs. */
@ApplicationScoped
@Transactional
public class AutomationRuns {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    /**
     * Records a run that holds the lease. Runs still open were left by a node that died (the lease
     * they held ran out): they are closed as taken over by this one, not shown under way forever.
     */
    public AutomationRun start(AutomationRun run) {
        em.persist(run);
        em.flush();
        em.createQuery("SELECT r FROM AutomationRun r WHERE r.finishedAt IS NULL AND r.id <> :id", AutomationRun.class)
                .setParameter("id", run.id()).getResultStream()
                .forEach(left -> left.abandoned(run.id(), clock.instant()));
        return run;
    }

    public AutomationRun finish(long id, AutomationRun.Tally tally) {
        AutomationRun run = em.find(AutomationRun.class, id);
        run.finish(tally, clock.instant());
        return run;
    }

    public List<AutomationRun> latest(int offset, int limit) {
        return em.createQuery("SELECT r FROM AutomationRun r ORDER BY r.id DESC", AutomationRun.class)
                .setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long count() {
        return em.createQuery("SELECT COUNT(r) FROM AutomationRun r", Long.class).getSingleResult();
    }
}
