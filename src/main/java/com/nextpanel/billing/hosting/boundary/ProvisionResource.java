package com.nextpanel.billing.hosting.boundary;

import com.nextpanel.billing.hosting.control.Provisioning;
import com.nextpanel.billing.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The integration guide's POST /nextpanel/provision: a hosting account on the best server (or the one named). */
@Path("/v1/nextpanel/provision")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Provisioning")
public class ProvisionResource {

    @Inject
    Provisioning provisioning;

    @POST
    @Operation(operationId = "provisionAccount",
            summary = "Provision a hosting account on the best server, or on the one named")
    public Response provision(@Valid @NotNull ProvisionRequest body) {
        Provisioning.Provisioned result = provisioning.provisionNow(body.toNewAccount());
        return ActionAnswers.provisioned(result.account(), result.job(), result.slot());
    }
}
