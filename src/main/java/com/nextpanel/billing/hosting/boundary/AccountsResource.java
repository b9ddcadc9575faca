package com.nextpanel.billing.hosting.boundary;

import com.nextpanel.billing.hosting.control.AccountActions;
import com.nextpanel.billing.hosting.control.AccountStats;
import com.nextpanel.billing.hosting.control.Accounts;
import com.nextpanel.billing.hosting.entity.AccountStatus;
import com.nextpanel.billing.hosting.entity.HostingAccount;
import com.nextpanel.billing.platform.ErrorCode;
import com.nextpanel.billing.platform.JsonValues;
import com.nextpanel.billing.platform.Page;
import com.nextpanel.billing.platform.QueryFilters;
import com.nextpanel.billing.platform.Refusal;
import com.nextpanel.billing.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The integration guide's account calls; {id} is our account_id, not the panel's user id. */
@Path("/v1/nextpanel/accounts")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Accounts")
public class AccountsResource {

    @Inject
    Accounts accounts;

    @Inject
    AccountActions actions;

    @Inject
    AccountStats stats;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(operationId = "listAccounts", summary = "List hosting accounts by server, customer, status or username")
    public Page<AccountView> list(@QueryParam("server_id") Long serverId, @QueryParam("customer_id") Long customerId,
            @QueryParam("status") String status, @QueryParam("username") String username,
            @QueryParam("email") String email, @QueryParam("page") Integer page, @QueryParam("size") Integer size,
            @QueryParam("order") String order) {
        Page.Request request = Page.request(page, size, order);
        var filter = new Accounts.Filter(serverId, customerId, QueryFilters.oneOf(AccountStatus.class, "status", status),
                lowerCase(username), lowerCase(email));
        Page<HostingAccount> found = accounts.search(filter, request);
        Map<Long, String> attention = accounts.needingAttention(found.items().stream().map(HostingAccount::id).toList());
        return found.map(a -> AccountView.of(a, attention.get(a.id())));
    }

    private static String lowerCase(String search) {
        return search == null || search.isBlank() ? null : search.trim().toLowerCase(Locale.ROOT);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(operationId = "getAccount", summary = "Get a hosting account")
    public AccountView one(@PathParam("id") long id) {
        return AccountView.of(accounts.get(id), accounts.needingAttention(List.of(id)).get(id));
    }

    /** The reason may come as the guide's JSON body, as the original's ?reason=, or not at all. */
    @POST
    @Path("/{id}/suspend")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "suspendAccount", summary = "Suspend a hosting account on its panel")
    public Response suspend(@PathParam("id") long id, @QueryParam("reason") String reasonParam, String body) {
        var acted = actions.suspend(id, reason(reasonParam, body));
        return ActionAnswers.acted(acted.account(), acted.job(), "Account suspended", "Suspension");
    }

    @POST
    @Path("/{id}/unsuspend")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "unsuspendAccount", summary = "Lift the suspension of a hosting account")
    public Response unsuspend(@PathParam("id") long id) {
        var acted = actions.unsuspend(id);
        return ActionAnswers.acted(acted.account(), acted.job(), "Account unsuspended", "Unsuspension");
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "terminateAccount", summary = "Terminate a hosting account: delete it from its panel")
    public Response terminate(@PathParam("id") long id) {
        var acted = actions.terminate(id);
        return ActionAnswers.acted(acted.account(), acted.job(), "Account deleted", "Termination");
    }

    @GET
    @Path("/{id}/stats")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(operationId = "getAccountStats", summary = "Get an account's live usage from its panel")
    public JsonObject stats(@PathParam("id") long id) {
        return stats.of(id);
    }

    private static String reason(String param, String body) {
        if (param != null) {
            return checkedReason(param);
        }
        if (body == null || body.isBlank()) {
            return null;
        }
        JsonValue reason;
        try (var reader = JsonValues.reader(body)) {
            reason = reader.readObject().get("reason");
        } catch (RuntimeException e) {
            throw new Refusal(ErrorCode.MALFORMED_JSON,
                    "The body must be JSON such as {\"reason\": \"Payment overdue\"}");
        }
        if (reason == null || reason.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(reason instanceof JsonString text)) {
            throw invalidReason();
        }
        return checkedReason(text.getString());
    }

    private static String checkedReason(String reason) {
        if (reason.length() > 500) {
            throw invalidReason();
        }
        return reason;
    }

    private static Refusal invalidReason() {
        return new Refusal(ErrorCode.INVALID_FIELDS, "reason: must be a text of at most 500 characters");
    }
}
