package com.nextpanel.billing.testsupport;

import com.nextpanel.billing.billing.control.Invoices;
import com.nextpanel.billing.payment.control.CardPayments;
import com.nextpanel.billing.platform.PublicAddress;
import com.nextpanel.billing.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;

/**
 * Test deployments only: CardPayments' two calls without a customer session (the store's
 * endpoints need one), so that tests can start a checkout and return from it as the store does.
 */
@Path("/v1/test-support/card-payments")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class TestCardPaymentsResource {

    @Inject
    CardPayments cardPayments;

    @Inject
    Invoices invoices;

    @Inject
    PublicAddress publicAddress;

    /** {"invoice_id"} → {"redirect_url"}, with the store's success and cancel URLs. */
    @POST
    @Path("/checkout")
    public JsonObject checkout(JsonObject body) {
        long id = body.getJsonNumber("invoice_id").longValue();
        String page = "/client/invoice.html?id=" + id;
        return Json.createObjectBuilder().add("redirect_url", cardPayments.startCheckout(invoices.get(id),
                publicAddress.link(page + "&session_id={CHECKOUT_SESSION_ID}"), publicAddress.link(page))).build();
    }

    /** {"session_id"} → {"invoice_status", "outcome"}. */
    @POST
    @Path("/reconcile")
    public JsonObject reconcile(JsonObject body) {
        var reconciled = cardPayments.reconcile(body.getString("session_id"));
        return Json.createObjectBuilder()
                .add("invoice_status", reconciled.invoiceStatus().name().toLowerCase(Locale.ROOT))
                .add("outcome", reconciled.outcome().name().toLowerCase(Locale.ROOT)).build();
    }
}
