package com.nextpanel.billing.automation.control;

import com.nextpanel.billing.alert.control.Alerts;
import com.nextpanel.billing.alert.entity.Alert;
import com.nextpanel.billing.audit.control.AuditLog;
import com.nextpanel.billing.automation.entity.Job;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** An operator's second chance for a job: a fresh attempt budget, its first attempt run at once. */
@ApplicationScoped
public class JobRetries {

    @Inject
    Jobs jobs;

    @Inject
    JobRunner runner;

    @Inject
    Alerts alerts;

    @Inject
    AuditLog audit;

    public Job retry(long jobId) {
        Job job = jobs.retryByOperator(jobId);
        alerts.clear(Alert.Kind.JOB_NEEDS_ATTENTION, "job", jobId);
        audit.success("job.retry", "job", jobId, job.describe());
        return runner.run(job); // claimed for this request by retryByOperator
    }
}
