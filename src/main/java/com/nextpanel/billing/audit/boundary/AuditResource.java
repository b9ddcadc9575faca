package com.nextpanel.billing.audit.boundary;

import com.nextpanel.billing.audit.control.AuditLog;
import com.nextpanel.billing.audit.entity.AuditEntry;
import com.nextpanel.billing.platform.Page;
import com.nextpanel.billing.platform.QueryFilters;
import com.nextpanel.billing.platform.Refusal;
import com.nextpanel.billing.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit log, newest first, filtered and paged. */
@Path("/v1/audit")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.VIEWER})
@Tag(name = "Audit")
public class AuditResource {

    @Inject
    AuditLog auditLog;

    /** One audit line as the API shows it. */
    public record AuditView(long id, Instant at, String actor, Long actorTokenId, String action, String targetType,
            String targetId, String outcome, String detail, String requestId) {
        static AuditView of(AuditEntry e) {
            return new AuditView(e.id(), e.at(), e.actor(), e.actorTokenId(), e.action(), e.targetType(), e.targetId(),
                    e.outcome().name().toLowerCase(Locale.ROOT), e.detail(), e.requestId());
        }
    }

    @GET
    @Operation(operationId = "searchAuditLog", summary = "Search the audit log, newest first")
    public Page<AuditView> search(@QueryParam("actor") String actor, @QueryParam("action") String action,
            @QueryParam("target_type") String targetType, @QueryParam("target_id") String targetId,
            @QueryParam("outcome") String outcome, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size, @QueryParam("order") String order) {
        Page.Request request = Page.request(page, size, order);
        var filter = new AuditLog.Filter(actor, action, targetType, targetId, QueryFilters.oneOf(AuditEntry.Outcome.class, "outcome", outcome),
                instant("from", from), instant("to", to));
        return auditLog.search(filter, request).map(AuditView::of);
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw Refusal.invalid(name + " must be an ISO-8601 instant such as 2026-01-31T00:00:00Z, not '"
                    + value + "'");
        }
    }
}
