package com.nextpanel.billing.store.boundary;

import com.nextpanel.billing.billing.control.ServiceCancellation;
import com.nextpanel.billing.signin.boundary.CustomerOnly;
import com.nextpanel.billing.signin.boundary.SignedInCustomer;
import com.nextpanel.billing.store.boundary.StoreViews.Items;
import com.nextpanel.billing.store.boundary.StoreViews.ServiceItem;
import com.nextpanel.billing.store.control.ClientArea;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The client area's services: the signed-in customer's own, and cancelling one. */
@Path("/store/services")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@CustomerOnly
@Tag(name = "Client area")
@SecurityRequirementsSet({})
public class ClientServicesResource {

    @Inject
    ClientArea clientArea;

    @Inject
    ServiceCancellation cancellation;

    @Inject
    SignedInCustomer customer;

    /** The cancel dialog's body, as the operator API's. */
    public static class Cancellation {
        @NotNull @Pattern(regexp = "^(immediate|end_of_period)$", message = "must be immediate or end_of_period")
        public String when;
    }

    @GET
    @Operation(operationId = "myServices", summary = "My hosting services")
    public Items<ServiceItem> list() {
        return new Items<>(clientArea.services(customer.id()).stream().map(ServiceItem::of).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "myService", summary = "One of my hosting services")
    public ServiceItem one(@PathParam("id") long id) {
        return ServiceItem.of(clientArea.service(customer.id(), id));
    }

    @POST
    @Path("/{id}/cancellation")
    @Operation(operationId = "cancelMyService",
            summary = "Cancel one of my services, at once or at the end of the paid period")
    public ServiceItem cancel(@PathParam("id") long id, @Valid @NotNull Cancellation body) {
        clientArea.service(customer.id(), id); // 404 for another customer's service, before anything changes
        if (body.when.equals("immediate")) {
            cancellation.cancelNow(id);
        } else {
            cancellation.cancelAtPeriodEnd(id);
        }
        return ServiceItem.of(clientArea.service(customer.id(), id));
    }
}
