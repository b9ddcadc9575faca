package com.nextpanel.billing.payment.boundary;

import com.nextpanel.billing.payment.control.CardPayments;
import com.nextpanel.billing.signin.boundary.CustomerOnly;
import com.nextpanel.billing.signin.boundary.SignedInCustomer;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A signed-in customer pays an invoice by card: off to Stripe Checkout, and back. */
@Path("/store/invoices")
@RequestScoped
@CustomerOnly
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirementsSet({})
@Tag(name = "Store: card payments")
public class StoreCardPaymentsResource {

    @Inject
    CardPayments cardPayments;

    @Inject
    SignedInCustomer customer;

    /** The return page's body. */
    public static class CheckoutReturn {
        @NotBlank
        public String sessionId;
    }

    @POST
    @Path("/{id}/card-payment")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "startCardPayment",
            summary = "Start paying one's open invoice by card: answers the Stripe Checkout URL to go to")
    public JsonObject start(@PathParam("id") long id) {
        return Json.createObjectBuilder().add("redirect_url", cardPayments.startCheckoutFor(customer.id(), id)).build();
    }

    @POST
    @Path("/{id}/card-payment/return")
    @Operation(operationId = "returnFromCardPayment",
            summary = "Back from Stripe Checkout: reads the session from Stripe and answers the invoice's status")
    public JsonObject returned(@PathParam("id") long id, @Valid @NotNull CheckoutReturn body) {
        var reconciled = cardPayments.reconcileFor(customer.id(), id, body.sessionId.trim());
        return Json.createObjectBuilder()
                .add("invoice_id", reconciled.invoiceId())
                .add("invoice_status", reconciled.invoiceStatus().name().toLowerCase(Locale.ROOT))
                .build();
    }
}
