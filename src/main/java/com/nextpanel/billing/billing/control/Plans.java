package com.nextpanel.billing.billing.control;

import com.nextpanel.billing.billing.entity.Plan;
import com.nextpanel.billing.platform.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/** The hosting plans for sale. */
@ApplicationScoped
@Transactional
public class Plans {

    @PersistenceContext
    EntityManager em;

    public Plan add(Plan plan) {
        boolean taken = !em.createQuery("SELECT p.id FROM Plan p WHERE LOWER(p.name) = LOWER(:name)", Long.class)
                .setParameter("name", plan.name()).getResultList().isEmpty();
        if (taken) {
            throw Refusal.conflict("A plan named '" + plan.name() + "' already exists");
        }
        em.persist(plan);
        em.flush();
        return plan;
    }

    public Plan get(long id) {
        Plan plan = em.find(Plan.class, id);
        if (plan == null) {
            throw Refusal.notFound("Plan", id);
        }
        return plan;
    }

    public Plan setActive(long id, boolean active) {
        Plan plan = get(id);
        plan.activate(active);
        return plan;
    }

    public List<Plan> all() {
        return em.createQuery("SELECT p FROM Plan p ORDER BY p.id", Plan.class).getResultList();
    }
}
