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
     * Inside a transaction about to settle these jobs' attempts together: lock, in one query per
     * table, the rows their outcomes' local changes will lock one by one.
     */
    default void lockTogether(List<Job> jobs) {
    }
}
