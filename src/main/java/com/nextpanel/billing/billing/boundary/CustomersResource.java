package com.nextpanel.billing.billing.boundary;

import com.nextpanel.billing.billing.boundary.BillingRequests.NewCustomer;
import com.nextpanel.billing.billing.boundary.BillingViews.CustomerView;
import com.nextpanel.billing.billing.control.Customers;
import com.nextpanel.billing.platform.Page;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Customers. */
@Path("/v1/customers")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Customers")
public class CustomersResource {

    @Inject
    Customers customers;

    @POST
    @Operation(operationId = "createCustomer", summary = "Add a customer")
    public Response add(@Valid @NotNull NewCustomer body, @Context UriInfo uri) {
        var customer = customers.add(body.email.trim(), body.fullName.trim(), body.phone, body.company);
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(customer.id())).build())
                .entity(CustomerView.of(customer)).build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(operationId = "listCustomers", summary = "List customers, optionally by email")
    public Page<CustomerView> list(@QueryParam("email") String email, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size, @QueryParam("order") String order) {
        return customers.list(email, Page.request(page, size, order)).map(CustomerView::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(operationId = "getCustomer", summary = "Get a customer")
    public CustomerView one(@PathParam("id") long id) {
        return CustomerView.of(customers.get(id));
    }
}
