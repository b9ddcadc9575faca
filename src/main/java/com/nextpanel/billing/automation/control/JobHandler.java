package com.nextpanel.billing.automation.control;

import com.nextpanel.billing.automation.entity.Job;

/**
 * Does the work of one kind of job. Called outside any transaction (it talks to panels) and
 * possibly again after a crash, so it must be idempotent towards our own records.
 */
public interface JobHandler {

    boolean handles(Job.Kind kind);

    JobOutcome attempt(Job job);
}
