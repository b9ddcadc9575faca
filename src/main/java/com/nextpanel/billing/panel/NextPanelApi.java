package com.nextpanel.billing.panel;

import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The NextPanel panel API as a MicroProfile REST Client. No class-level @Path: it breaks
 * Jersey's model validation on this Payara (docs/design.md). The actions answer the bare
 * {@link Response}: their body says nothing we use, and parsing it was a seventh of a call's CPU.
 */
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface NextPanelApi {

    @GET
    @Path("/api/health")
    JsonObject health();

    @POST
    @Path("/api/v1/billing/accounts")
    JsonObject createAccount(JsonObject account);

    @GET
    @Path("/api/v1/billing/accounts/{id}")
    JsonObject account(@PathParam("id") long id);

    @POST
    @Path("/api/v1/billing/accounts/{id}/suspend")
    Response suspend(@PathParam("id") long id, JsonObject reason);

    @POST
    @Path("/api/v1/billing/accounts/{id}/unsuspend")
    Response unsuspend(@PathParam("id") long id);

    @DELETE
    @Path("/api/v1/billing/accounts/{id}")
    Response delete(@PathParam("id") long id);

    @GET
    @Path("/api/v1/billing/accounts/{id}/stats")
    JsonObject stats(@PathParam("id") long id);
}
