package com.nextpanel.billing.testsupport;

import com.nextpanel.billing.notify.control.Emails;
import com.nextpanel.billing.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Test deployments only: queues customer emails the way billing will, until billing exists. */
@Path("/v1/test-support/emails")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class TestEmailResource {

    @Inject
    Emails emails;

    /** {"to", "full_name", "username", "password", "panel_url", "plan_name", "account_id", "service_id"} → {"id"}. */
    @POST
    @Path("/welcome")
    public JsonObject welcome(JsonObject body) {
        return queued(emails.welcome(body.getString("to"), body.getString("full_name", null),
                body.getString("username"), body.getString("password"), body.getString("panel_url"),
                body.getString("plan_name", null), id(body, "account_id"), id(body, "service_id")));
    }

    /** {"to", "full_name", "username", "reason", "account_id", "service_id"} → {"id"}. */
    @POST
    @Path("/suspension")
    public JsonObject suspension(JsonObject body) {
        return queued(emails.suspension(body.getString("to"), body.getString("full_name", null),
                body.getString("username"), body.getString("reason", null), id(body, "account_id"),
                id(body, "service_id")));
    }

    private static JsonObject queued(long id) {
        return Json.createObjectBuilder().add("id", id).build();
    }

    private static Long id(JsonObject body, String name) {
        return body.get(name) instanceof JsonNumber number ? number.longValue() : null;
    }
}
