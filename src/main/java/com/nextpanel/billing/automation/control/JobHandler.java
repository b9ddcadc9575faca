package com.nextpanel.billing.automation.control;

import com.nextpanel.billing.automation.entity.Job;
import java.util.List;

/**
 * Does the work of one kind of job. Called outside any transaction (it talks to panels) and
 * possibly again after a crash, so it must be idempotent towards our own records.
 */
public interface JobHandler {

    boolean handles(Job.Kind kind);

    JobOutcome attempt(Job job);

    /**
     * Outside any transaction, before these claimed jobs are attempted one by one: read in one
     * go what their attempts need, rather than once per job.
     */
    default void prepare(List<Job> jobs) {
    }

    /**
     * Inside a transaction about to settle these jobs' attempts together: lock, in one query per
     * table, the rows their outcomes' local changes will lock one by one.
     */
    default void lockTogether(List<Job> jobs) {
    }

    /** In the same transaction, after the outcomes of these jobs were recorded together. */
    default void settledTogether(List<Job> jobs) {
    }
}
