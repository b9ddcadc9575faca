package com.nextpanel.billing.fleet.boundary;

import com.nextpanel.billing.fleet.control.ConnectionTest;
import com.nextpanel.billing.fleet.control.Fleet;
import com.nextpanel.billing.fleet.control.FleetConfig;
import com.nextpanel.billing.fleet.control.HealthProber;
import com.nextpanel.billing.fleet.control.ServerRegistry;
import com.nextpanel.billing.fleet.entity.PanelServer;
import com.nextpanel.billing.security.MasterKeyRotation;
import com.nextpanel.billing.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The integration guide's server calls: the fleet of NextPanel servers. */
@Path("/v1/nextpanel/servers")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Servers")
public class ServersResource {

    @Inject
    ServerRegistry registry;

    @Inject
    Fleet fleet;

    @Inject
    ConnectionTest connectionTest;

    @Inject
    HealthProber prober;

    @Inject
    MasterKeyRotation rotation;

    @Inject
    FleetConfig config;

    @POST
    @Operation(operationId = "registerServer", summary = "Register a NextPanel server")
    public Response add(@Valid @NotNull NewServer body, @Context UriInfo uri) {
        PanelServer server = registry.register(body.details(), body.credentials());
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(server.id())).build())
                .entity(new ServerView.Added(server, config.offlineAfterFailures()))
                .build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(operationId = "listServers", summary = "List the NextPanel servers with their load")
    public List<ServerView> all() {
        return fleet.all().stream().map(this::view).toList();
    }

    @GET
    @Path("/status")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(operationId = "listServerStatus",
            summary = "List every server's health, probing them first if refresh=true")
    public List<ServerStatus> status(@QueryParam("refresh") boolean refresh) {
        if (refresh) {
            prober.probeAll();
        }
        return fleet.all().stream().map(s -> ServerStatus.of(s, config.offlineAfterFailures())).toList();
    }

    @POST
    @Path("/test")
    @Operation(operationId = "testServerConnection",
            summary = "Test a panel's URL and API credentials without saving them")
    public ConnectionTest.Result test(@Valid @NotNull ConnectionCheck body) {
        return connectionTest.run(ServerFields.normalizeUrl(body.baseUrl), body.credentials());
    }

    /** After a master-key rotation: every stored secret (panel credentials, job passwords, email bodies). */
    @POST
    @Path("/reseal-secrets")
    @Operation(operationId = "resealSecrets",
            summary = "Re-encrypt every stored secret with the current master key (after a key rotation)")
    public Map<String, Object> resealSecrets() {
        Map<String, Integer> resealed = rotation.resealAll();
        return Map.of("resealed_servers", resealed.getOrDefault("servers", 0), "resealed", resealed,
                "master_key_id", rotation.currentKeyId());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(operationId = "getServer", summary = "Get a NextPanel server")
    public ServerView one(@PathParam("id") long id) {
        return view(fleet.get(id));
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(operationId = "updateServer", summary = "Change a server's details (JSON merge patch)")
    public ServerView edit(@PathParam("id") long id, JsonObject body) {
        ServerPatch patch = ServerPatch.of(body);
        return view(registry.update(id, patch::applyTo));
    }

    @PUT
    @Path("/{id}/credentials")
    @Operation(operationId = "replaceServerCredentials",
            summary = "Replace a server's API credentials, and optionally its URL, once the new ones work")
    public ServerView replaceCredentials(@PathParam("id") long id, @Valid @NotNull NewCredentials body) {
        return view(registry.replaceCredentials(id, body.credentials(), body.normalizedBaseUrl()));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "removeServer", summary = "Remove a server that has no accounts")
    public Map<String, Object> remove(@PathParam("id") long id) {
        registry.remove(id);
        return Map.of("message", "Server removed", "server_id", id);
    }

    private ServerView view(PanelServer server) {
        return new ServerView(server, config.offlineAfterFailures());
    }
}
