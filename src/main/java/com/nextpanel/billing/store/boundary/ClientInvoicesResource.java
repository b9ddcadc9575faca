package com.nextpanel.billing.store.boundary;

import com.nextpanel.billing.signin.boundary.CustomerOnly;
import com.nextpanel.billing.signin.boundary.SignedInCustomer;
import com.nextpanel.billing.store.boundary.StoreViews.InvoiceItem;
import com.nextpanel.billing.store.boundary.StoreViews.Items;
import com.nextpanel.billing.store.control.ClientArea;
import com.nextpanel.billing.payment.control.BankTransfer;
import com.nextpanel.billing.payment.control.StripeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The client area's invoices: the signed-in customer's own. (Paying one by card is in the payment
 * component, on the same path.)
 */
@Path("/store/invoices")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@CustomerOnly
@Tag(name = "Client area")
@SecurityRequirementsSet({})
public class ClientInvoicesResource {

    @Inject
    ClientArea clientArea;

    @Inject
    BankTransfer bankTransfer;

    @Inject
    StripeConfig stripe;

    @Inject
    SignedInCustomer customer;

    @GET
    @Operation(operationId = "myInvoices", summary = "My invoices, newest first")
    public Items<InvoiceItem> invoices() {
        return new Items<>(clientArea.invoices(customer.id()).stream().map(InvoiceItem::summary).toList());
    }

    /** With the ways to pay it: by card when the store takes cards, the bank details when it takes transfers. */
    @GET
    @Path("/{id}")
    @Operation(operationId = "myInvoice", summary = "One of my invoices, with its lines, payments and ways to pay")
    public InvoiceItem invoice(@PathParam("id") long id) {
        ClientArea.MyInvoice my = clientArea.invoice(customer.id(), id);
        return InvoiceItem.of(my.invoice(), my.payments(), my.gateway(),
                bankTransfer.bankTransferInstructions().orElse(null), stripe.cardPayments());
    }
}
