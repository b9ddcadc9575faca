package com.nextpanel.billing.alert.boundary;

import com.nextpanel.billing.alert.control.Alerts;
import com.nextpanel.billing.alert.entity.Alert;
import com.nextpanel.billing.audit.control.AuditLog;
import com.nextpanel.billing.platform.Page;
import com.nextpanel.billing.platform.Refusal;
import com.nextpanel.billing.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Alerts: server offline, server nearly full, job needs attention, service needs attention. */
@Path("/v1/alerts")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Alerts")
public class AlertsResource {

    @Inject
    Alerts alerts;

    @Inject
    AuditLog audit;

    /** An alert as the API shows it. */
    public record AlertView(long id, String kind, String targetType, long targetId, String message, Instant openedAt,
            Instant resolvedAt, String resolvedBy, boolean isOpen) {
        static AlertView of(Alert a) {
            return new AlertView(a.id(), a.kind().column(), a.targetType(), a.targetId(), a.message(), a.openedAt(),
                    a.resolvedAt(), a.resolvedBy(), a.open());
        }
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(operationId = "listAlerts", summary = "List alerts: open ones unless status says resolved or all")
    public Page<AlertView> list(@QueryParam("status") String status, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        Boolean open = switch (status == null ? "open" : status) {
            case "open" -> true;
            case "resolved" -> false;
            case "all" -> null;
            default -> throw Refusal.invalid("status must be open, resolved or all, not '" + status + "'");
        };
        Page.Request request = Page.request(page, size);
        return new Page<>(alerts.list(open, request.offset(), request.size()).stream().map(AlertView::of).toList(),
                alerts.count(open), request.page(), request.size());
    }

    @POST
    @Path("/{id}/resolve")
    @Operation(operationId = "resolveAlert", summary = "Mark an alert resolved")
    public AlertView resolve(@PathParam("id") long id) {
        Alert alert = alerts.resolve(id, audit.actor());
        audit.success("alert.resolve", "alert", id, alert.message());
        return AlertView.of(alert);
    }
}
