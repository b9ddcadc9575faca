package com.nextpanel.billing.billing.boundary;

import com.nextpanel.billing.billing.boundary.BillingRequests.NewPlan;
import com.nextpanel.billing.billing.boundary.BillingRequests.PlanChange;
import com.nextpanel.billing.billing.boundary.BillingViews.PlanView;
import com.nextpanel.billing.billing.control.Plans;
import com.nextpanel.billing.billing.entity.BillingCycle;
import com.nextpanel.billing.billing.entity.Money;
import com.nextpanel.billing.billing.entity.Plan;
import com.nextpanel.billing.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Hosting plans for sale. */
@Path("/v1/plans")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Plans")
public class PlansResource {

    @Inject
    Plans plans;

    @Inject
    Clock clock;

    @POST
    @Operation(operationId = "createPlan", summary = "Add a hosting plan for sale")
    public Response add(@Valid @NotNull NewPlan body, @Context UriInfo uri) {
        Plan plan = plans.add(new Plan(body.name.trim(), new Money(body.price, body.currency),
                BillingCycle.valueOf(body.billingCycle.toUpperCase(Locale.ROOT)), body.packageId,
                blankToNull(body.preferredLocation), blankToNull(body.preferredTag),
                body.isActive == null || body.isActive, clock.instant()));
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(plan.id())).build())
                .entity(PlanView.of(plan)).build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(operationId = "listPlans", summary = "List hosting plans")
    public List<PlanView> all() {
        return plans.all().stream().map(PlanView::of).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(operationId = "getPlan", summary = "Get a hosting plan")
    public PlanView one(@PathParam("id") long id) {
        return PlanView.of(plans.get(id));
    }

    /** Takes a plan off sale (or back on); its running services are not touched. */
    @PATCH
    @Path("/{id}")
    @Operation(operationId = "updatePlan",
            summary = "Take a plan off sale or put it back on (running services are not touched)")
    public PlanView change(@PathParam("id") long id, @Valid @NotNull PlanChange body) {
        return PlanView.of(plans.setActive(id, body.isActive));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
