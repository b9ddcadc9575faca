package com.nextpanel.billing.automation.control;

import static com.nextpanel.billing.automation.control.Jobs.at;

import com.nextpanel.billing.automation.entity.Job;
import com.nextpanel.billing.platform.NodeName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The queue's claims: which node works on which job, until when. Claims are single SQL
 * statements (FOR UPDATE SKIP LOCKED), so that any number of nodes and threads can ask for work
 * and each job is run by one of them at a time; a lease the node renews while it works, and that
 * runs out when the node dies, hands the job to another.
 */
@ApplicationScoped
@Transactional
public class JobClaims {

    @PersistenceContext
    EntityManager em;

    @Inject
    AutomationConfig config;

    @Inject
    Clock clock;

    /**
     * Claims due jobs, then jobs whose claimant died (lease ran out), and answers them as claimed.
     * A create that was in flight when its worker died may have happened on the panel: it is
     * marked outcome_unknown. Two statements, each walking its own partial index in order: one
     * with an OR between them sorted every open job on each claim.
     */
    public List<Job> claimDue(Job.Lane lane, int limit) {
        Instant now = clock.instant();
        // the kinds as literals, so that the planner picks the lane's own partial index (V14)
        String kinds = lane == Job.Lane.EMAIL ? " AND kind = 'SEND_EMAIL'" : " AND kind <> 'SEND_EMAIL'";
        List<Job> claimed = new ArrayList<>(claim(
                "status = 'pending' AND next_attempt_at <= ?3" + kinds + " ORDER BY next_attempt_at", limit, now));
        if (claimed.size() < limit) {
            claimed.addAll(claim("status = 'in_progress' AND claimed_until < ?3" + kinds + " ORDER BY claimed_until",
                    limit - claimed.size(), now));
        }
        claimed.sort(Comparator.comparing(Job::id));
        return claimed;
    }

    /** Extends the lease of these jobs, where this node holds them still; answers how many. */
    public int renewClaims(Set<Long> jobIds) {
        if (jobIds.isEmpty()) {
            return 0;
        }
        return em.createQuery("UPDATE Job j SET j.claimedUntil = :until WHERE j.id IN :ids AND j.claimedBy = :node"
                        + " AND j.status = :inProgress")
                .setParameter("until", clock.instant().plus(config.lease()))
                .setParameter("ids", jobIds)
                .setParameter("node", NodeName.ID)
                .setParameter("inProgress", Job.Status.IN_PROGRESS)
                .executeUpdate();
    }

    /**
     * Gives back claims this node took but will not run (it is shutting down): the jobs are due
     * again at once for any node, their attempt not counted, instead of waiting for the lease.
     */
    public void unclaim(List<Job> claimed) {
        if (claimed.isEmpty()) {
            return;
        }
        em.createQuery("UPDATE Job j SET j.status = :pending, j.attempts = j.attempts - 1, j.claimedBy = NULL,"
                        + " j.claimedUntil = NULL, j.updatedAt = :now WHERE j.id IN :ids AND j.status = :inProgress"
                        + " AND j.claimedBy = :node AND j.attempts > 0")
                .setParameter("pending", Job.Status.PENDING)
                .setParameter("inProgress", Job.Status.IN_PROGRESS)
                .setParameter("now", clock.instant())
                .setParameter("ids", claimed.stream().map(Job::id).toList())
                .setParameter("node", NodeName.ID)
                .executeUpdate();
    }

    @SuppressWarnings("unchecked")
    private List<Job> claim(String which, int limit, Instant now) {
        // The pick is a MATERIALIZED CTE: as an IN (subquery) the planner may run it again for
        // each row it joins, and then claims more than the limit.
        return em.createNativeQuery("WITH picked AS MATERIALIZED (SELECT id FROM panel_job WHERE " + which
                        + " LIMIT ?4 FOR UPDATE SKIP LOCKED)"
                        + " UPDATE panel_job SET status = 'in_progress', attempts = attempts + 1,"
                        + " claimed_by = ?1, claimed_until = ?2, updated_at = ?3,"
                        + " outcome_unknown = outcome_unknown OR (status = 'in_progress' AND kind = 'PROVISION')"
                        + " WHERE id IN (SELECT id FROM picked) RETURNING *", Job.class)
                .setParameter(1, NodeName.ID)
                .setParameter(2, at(now.plus(config.lease())))
                .setParameter(3, at(now))
                .setParameter(4, limit)
                .getResultList();
    }
}
