package com.nextpanel.billing.billing.boundary;

import com.nextpanel.billing.billing.boundary.BillingRequests.Cancellation;
import com.nextpanel.billing.billing.boundary.BillingViews.ServiceView;
import com.nextpanel.billing.billing.control.ServiceCancellation;
import com.nextpanel.billing.billing.control.Services;
import com.nextpanel.billing.billing.entity.Service;
import com.nextpanel.billing.platform.Page;
import com.nextpanel.billing.platform.QueryFilters;
import com.nextpanel.billing.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The hosting services customers pay for. */
@Path("/v1/services")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Services")
public class ServicesResource {

    @Inject
    Services services;

    @Inject
    ServiceCancellation cancellation;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(operationId = "listServices", summary = "List services by customer or status")
    public Page<ServiceView> list(@QueryParam("customer_id") Long customerId, @QueryParam("status") String status,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size, @QueryParam("order") String order) {
        Page.Request request = Page.request(page, size, order);
        var filter = new Services.Filter(customerId, QueryFilters.oneOf(Service.Status.class, "status", status));
        return services.search(filter, request).map(ServiceView::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(operationId = "getService", summary = "Get a service")
    public ServiceView one(@PathParam("id") long id) {
        return ServiceView.of(services.get(id));
    }

    /** {"when": "immediate"} terminates the account now; "end_of_period" at the next due date. */
    @POST
    @Path("/{id}/cancel")
    @Operation(operationId = "cancelService",
            summary = "Cancel a service now (terminates its account) or at the end of its period")
    public ServiceView cancel(@PathParam("id") long id, @Valid @NotNull Cancellation body) {
        if ("immediate".equals(body.when)) {
            cancellation.cancelNow(id);
            return one(id);
        }
        return ServiceView.of(cancellation.cancelAtPeriodEnd(id));
    }
}
