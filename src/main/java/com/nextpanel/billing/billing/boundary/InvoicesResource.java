package com.nextpanel.billing.billing.boundary;

import com.nextpanel.billing.billing.boundary.BillingRequests.NewPayment;
import com.nextpanel.billing.billing.boundary.BillingViews.InvoiceView;
import com.nextpanel.billing.billing.boundary.BillingViews.PaymentView;
import com.nextpanel.billing.billing.control.Invoices;
import com.nextpanel.billing.billing.control.Payments;
import com.nextpanel.billing.billing.entity.Invoice;
import com.nextpanel.billing.billing.entity.Money;
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
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Invoices, and payments as a gateway notifies them (idempotent by external_reference). */
@Path("/v1/invoices")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Invoices")
public class InvoicesResource {

    @Inject
    Invoices invoices;

    @Inject
    Payments payments;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(operationId = "listInvoices", summary = "List invoices by customer, service or status")
    public Page<InvoiceView> list(@QueryParam("customer_id") Long customerId, @QueryParam("service_id") Long serviceId,
            @QueryParam("status") String status, @QueryParam("page") Integer page, @QueryParam("size") Integer size,
            @QueryParam("order") String order) {
        Page.Request request = Page.request(page, size, order);
        var filter = new Invoices.Filter(customerId, serviceId, QueryFilters.oneOf(Invoice.Status.class, "status", status));
        return invoices.search(filter, request).map(i -> InvoiceView.of(i, null));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(operationId = "getInvoice", summary = "Get an invoice with its lines and payments")
    public InvoiceView one(@PathParam("id") long id) {
        return InvoiceView.of(invoices.get(id), invoices.payments(id));
    }

    /** 201 for a new payment, 200 for a notification delivered again (nothing changes). */
    @POST
    @Path("/{id}/payments")
    @Operation(operationId = "recordPayment",
            summary = "Record a gateway's payment on an invoice (idempotent by external_reference)")
    public Response pay(@PathParam("id") long id, @Valid @NotNull NewPayment body) {
        Invoice invoice = invoices.get(id);
        String currency = body.currency == null ? invoice.total().currency() : body.currency;
        var recorded = payments.record(id, new Money(body.amount, currency), body.method.trim(),
                body.externalReference.trim());
        return Response.status(recorded.replayed() ? 200 : 201).entity(PaymentView.of(recorded.payment())).build();
    }
}
