package com.nextpanel.billing.testsupport;

import com.nextpanel.billing.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;

/** Test deployments only: lets a test move the application's clock. */
@Path("/v1/test-support")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class TestSupportResource {

    @Inject
    Clock clock;

    /** {"url": "http://127.0.0.1:8081/"}: the public address links and payment returns lead to. */
    @POST
    @Path("/public-url")
    public JsonObject publicUrl(JsonObject body) {
        MovablePublicAddress.set(body.getString("url"));
        return body;
    }

    /** {"seconds": n} moves the clock forward by n seconds (days = 86400 × d). */
    @POST
    @Path("/clock/advance")
    public JsonObject advance(JsonObject body) {
        MovableClock.advance(Duration.ofSeconds(body.getJsonNumber("seconds").longValue()));
        return now();
    }

    @GET
    @Path("/clock")
    public JsonObject now() {
        return Json.createObjectBuilder().add("now", clock.instant().toString())
                .add("offset_seconds", MovableClock.offset().toSeconds()).build();
    }
}
