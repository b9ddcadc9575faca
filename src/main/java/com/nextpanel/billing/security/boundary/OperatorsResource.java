package com.nextpanel.billing.security.boundary;

import com.nextpanel.billing.audit.control.AuditLog;
import com.nextpanel.billing.security.OperatorToken;
import com.nextpanel.billing.security.OperatorTokens;
import com.nextpanel.billing.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Who is calling, and the operators' tokens (ADMIN only; a token is shown once, when made). */
@Path("/v1/operators")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Operators")
public class OperatorsResource {

    @Inject
    OperatorTokens tokens;

    @Inject
    AuditLog audit;

    /** POST /operators/tokens body. */
    public static class NewToken {
        @NotBlank @Size(max = 100) public String name;
        @NotNull @Pattern(regexp = "^(ADMIN|VIEWER)$", message = "must be ADMIN or VIEWER") public String role;
    }

    /** A token as listed: never its value. */
    public record TokenView(long id, String name, String role, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
        static TokenView of(OperatorToken t) {
            return new TokenView(t.id(), t.name(), t.role(), t.createdAt(), t.lastUsedAt(), t.revokedAt());
        }
    }

    /** A token just made, with its value: shown this once. */
    public record IssuedView(long id, String name, String role, Instant createdAt, String token) {
    }

    /** The caller: {"name", "role"}. */
    public record Me(String name, String role) {
    }

    @GET
    @Path("/me")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(operationId = "getCurrentOperator", summary = "The caller's operator name and role")
    public Me me(@Context SecurityContext caller) {
        return new Me(caller.getUserPrincipal().getName(), caller.isUserInRole(Roles.ADMIN) ? Roles.ADMIN : Roles.VIEWER);
    }

    @POST
    @Path("/tokens")
    @Operation(operationId = "issueOperatorToken",
            summary = "Issue an operator token (its value is shown only in this answer)")
    public Response issue(@Valid @NotNull NewToken body) {
        var issued = tokens.issue(body.name.trim(), body.role);
        audit.success("operator.token.issue", "operator_token", issued.token().id(),
                issued.token().name() + " (" + issued.token().role() + ")");
        OperatorToken t = issued.token();
        return Response.status(201).entity(new IssuedView(t.id(), t.name(), t.role(), t.createdAt(), issued.value()))
                .build();
    }

    @GET
    @Path("/tokens")
    @Operation(operationId = "listOperatorTokens", summary = "List operator tokens (never their values)")
    public List<TokenView> all() {
        return tokens.all().stream().map(TokenView::of).toList();
    }

    @DELETE
    @Path("/tokens/{id}")
    @Operation(operationId = "revokeOperatorToken", summary = "Revoke an operator token: it stops working at once")
    public TokenView revoke(@PathParam("id") long id) {
        OperatorToken token = tokens.revoke(id);
        audit.success("operator.token.revoke", "operator_token", id, token.name());
        return TokenView.of(token);
    }
}
