package com.nextpanel.billing.automation.control;

import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps this node's job claims: every 5 s it extends the lease of each job it is running, so a
 * live node's job is never taken from it however long an attempt waits, while a node that died loses
 * its claims within one lease (jobs.lease-seconds, 30 s) and another node, or this one restarted,
 * resumes them.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigration")
@TransactionManagement(TransactionManagementType.BEAN) // Jobs keeps its own short transaction
public class ClaimRenewal {

    /** The renewal's period; a lease must outlast two of them. */
    static final int PERIOD_SECONDS = 5;
    private static final Logger LOG = Logger.getLogger(ClaimRenewal.class.getName());

    @Inject
    JobClaims claims;

    @Inject
    JobRunner runner;

    @Schedule(second = "*/" + PERIOD_SECONDS, minute = "*", hour = "*", persistent = false)
    void renew() {
        try {
            claims.renewClaims(runner.running());
        } catch (RuntimeException e) {
            // the database is away: the next period tries again, well within the lease
            LOG.log(Level.WARNING, "Could not renew this node's job claims", e);
        }
    }
}
