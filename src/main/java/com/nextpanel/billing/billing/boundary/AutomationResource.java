package com.nextpanel.billing.billing.boundary;

import com.nextpanel.billing.billing.boundary.BillingViews.RunView;
import com.nextpanel.billing.billing.control.AutomationRuns;
import com.nextpanel.billing.billing.control.BillingAutomation;
import com.nextpanel.billing.platform.Page;
import com.nextpanel.billing.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The billing automation: run it now, and what the last runs did. */
@Path("/v1/automation")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Automation")
public class AutomationResource {

    @Inject
    BillingAutomation automation;

    @Inject
    AutomationRuns runs;

    @POST
    @Path("/run")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "runBillingDay",
            summary = "Run the billing day now: overdue marks, suspensions, terminations, renewal invoices")
    public RunView run() {
        return RunView.of(automation.run("manual"));
    }

    @GET
    @Path("/runs")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(operationId = "listAutomationRuns", summary = "List automation runs and what each did, newest first")
    public Page<RunView> latest(@QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        Page.Request request = Page.request(page, size);
        return new Page<>(runs.latest(request.offset(), request.size()).stream().map(RunView::of).toList(),
                runs.count(), request.page(), request.size());
    }
}
