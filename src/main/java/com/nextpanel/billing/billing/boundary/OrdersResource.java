package com.nextpanel.billing.billing.boundary;

import com.nextpanel.billing.billing.boundary.BillingRequests.NewOrder;
import com.nextpanel.billing.billing.boundary.BillingRequests.OrderPayment;
import com.nextpanel.billing.billing.boundary.BillingViews.OrderView;
import com.nextpanel.billing.billing.control.Invoices;
import com.nextpanel.billing.billing.control.Orders;
import com.nextpanel.billing.billing.control.Payments;
import com.nextpanel.billing.billing.control.Services;
import com.nextpanel.billing.billing.entity.HostingOrder;
import com.nextpanel.billing.platform.OptionalBody;
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

/** Orders: placed with their first invoice; paid, they provision themselves. */
@Path("/v1/orders")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Orders")
public class OrdersResource {

    @Inject
    Orders orders;

    @Inject
    Payments payments;

    @Inject
    Services services;

    @Inject
    Invoices invoices;

    @POST
    @Operation(operationId = "placeOrder",
            summary = "Place an order: a customer buys a plan (creates the service and its first invoice)")
    public Response place(@Valid @NotNull NewOrder body, @Context UriInfo uri) {
        Orders.Placed placed = orders.place(body.customerId, body.planId, body.username);
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(placed.order().id())).build())
                .entity(OrderView.of(placed.order(), placed.service(), placed.invoice())).build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(operationId = "listOrders", summary = "List orders, optionally by customer")
    public Page<OrderView> list(@QueryParam("customer_id") Long customerId, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size, @QueryParam("order") String order) {
        return services.orders(customerId, Page.request(page, size, order))
                .map(o -> OrderView.of(o.order(), o.service(), o.firstInvoice()));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(operationId = "getOrder", summary = "Get an order with its service and first invoice")
    public OrderView one(@PathParam("id") long id) {
        return view(services.order(id));
    }

    /** The integration guide's "mark paid": pays the first invoice in full and provisions; twice is once. */
    @POST
    @Path("/{id}/pay")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "payOrder",
            summary = "Mark an order paid and provision its account (paying twice is paying once)")
    public OrderView pay(@PathParam("id") long id, String json) {
        OrderPayment body = OptionalBody.read(json, OrderPayment.class);
        services.order(id); // 404 before anything else
        payments.payOrder(id, body == null ? null : body.method, body == null ? null : body.reference);
        return one(id);
    }

    private OrderView view(HostingOrder order) {
        return OrderView.of(order, services.ofOrder(order.id()).orElse(null), invoices.firstOf(order.id()));
    }
}
