package com.nextpanel.billing.store.boundary;

import com.nextpanel.billing.signin.boundary.CustomerOnly;
import com.nextpanel.billing.signin.boundary.SignedInCustomer;
import com.nextpanel.billing.store.boundary.StoreViews.Items;
import com.nextpanel.billing.store.boundary.StoreViews.PaymentItem;
import com.nextpanel.billing.store.control.ClientArea;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The client area's payment history: the signed-in customer's own. */
@Path("/store/payments")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@CustomerOnly
@Tag(name = "Client area")
@SecurityRequirementsSet({})
public class ClientPaymentsResource {

    @Inject
    ClientArea clientArea;

    @Inject
    SignedInCustomer customer;

    @GET
    @Operation(operationId = "myPayments", summary = "My payments, newest first")
    public Items<PaymentItem> payments() {
        return new Items<>(clientArea.payments(customer.id()).stream().map(PaymentItem::of).toList());
    }
}
