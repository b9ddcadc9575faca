package com.nextpanel.billing.automation.boundary;

import com.nextpanel.billing.automation.control.JobRetries;
import com.nextpanel.billing.automation.control.Jobs;
import com.nextpanel.billing.automation.entity.Job;
import com.nextpanel.billing.platform.Page;
import com.nextpanel.billing.platform.QueryFilters;
import com.nextpanel.billing.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The durable panel actions: what is pending, what failed, what needs an operator. */
@Path("/v1/jobs")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Jobs")
public class JobsResource {

    @Inject
    Jobs jobs;

    @Inject
    JobRetries retries;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(operationId = "listJobs", summary = "List panel jobs by status, kind or account")
    public Page<JobView> list(@QueryParam("status") String status, @QueryParam("kind") String kind,
            @QueryParam("account_id") Long accountId, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size, @QueryParam("order") String order) {
        Page.Request request = Page.request(page, size, order);
        var filter = new Jobs.Filter(QueryFilters.oneOf(Job.Status.class, "status", status), QueryFilters.oneOf(Job.Kind.class, "kind", kind),
                accountId);
        return jobs.search(filter, request).map(JobView::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(operationId = "getJob", summary = "Get a panel job")
    public JobView one(@PathParam("id") long id) {
        return JobView.of(jobs.get(id));
    }

    /** An operator's retry of a job that failed or needs attention: runs it now and answers how it went. */
    @POST
    @Path("/{id}/retry")
    @Operation(operationId = "retryJob", summary = "Retry a failed job, or one that needs attention, now")
    public JobView retry(@PathParam("id") long id) {
        return JobView.of(retries.retry(id));
    }
}
