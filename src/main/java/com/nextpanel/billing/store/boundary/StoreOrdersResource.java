package com.nextpanel.billing.store.boundary;

import com.nextpanel.billing.billing.control.Orders;
import com.nextpanel.billing.signin.boundary.CustomerOnly;
import com.nextpanel.billing.signin.boundary.SignedInCustomer;
import com.nextpanel.billing.store.boundary.StoreViews.Placed;
import com.nextpanel.billing.store.control.StoreOrders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Checkout: a signed-in customer with a verified email orders a plan; paid, it provisions itself. */
@Path("/store/orders")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@CustomerOnly
@Tag(name = "Store")
@SecurityRequirementsSet({})
public class StoreOrdersResource {

    @Inject
    StoreOrders orders;

    @Inject
    SignedInCustomer customer;

    /** The checkout form's body. */
    public static class Checkout {
        @NotNull @Positive public Long planId;
        @NotNull @Pattern(regexp = "^[a-z][a-z0-9_]{2,31}$",
                message = "must start with a lowercase letter, then 2 to 31 lowercase letters, digits or underscores")
        public String username;
        @NotNull @Pattern(regexp = "^(stripe|bank_transfer)$", message = "must be stripe or bank_transfer")
        public String gateway;
    }

    @POST
    @Operation(operationId = "storeOrder",
            summary = "Order a plan: creates the service and its first invoice, to pay by card or bank transfer")
    public Response order(@Valid @NotNull Checkout body) {
        Orders.Placed placed = orders.place(customer.id(), body.planId, body.username,
                StoreOrders.Gateway.valueOf(body.gateway.toUpperCase(Locale.ROOT)));
        return Response.status(201)
                .entity(new Placed(placed.order().id(), placed.service().id(), placed.invoice().id())).build();
    }
}
