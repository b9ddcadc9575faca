package com.nextpanel.billing.notify.boundary;

import com.nextpanel.billing.audit.control.AuditLog;
import com.nextpanel.billing.automation.control.JobRetries;
import com.nextpanel.billing.notify.control.Outbox;
import com.nextpanel.billing.notify.entity.Email;
import com.nextpanel.billing.platform.Page;
import com.nextpanel.billing.platform.QueryFilters;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The email outbox: what was sent to customers, what waits, what failed. Bodies never leave. */
@Path("/v1/emails")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Emails")
public class EmailsResource {

    @Inject
    Outbox outbox;

    @Inject
    AuditLog audit;

    @Inject
    JobRetries retries;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(operationId = "listEmails", summary = "List outbox emails by status, recipient or template (no bodies)")
    public Page<EmailView> list(@QueryParam("status") String status, @QueryParam("recipient") String recipient,
            @QueryParam("template") String template, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size, @QueryParam("order") String order) {
        Page.Request request = Page.request(page, size, order);
        var filter = new Outbox.Filter(QueryFilters.oneOf(Email.Status.class, "status", status),
                recipient == null || recipient.isBlank() ? null : recipient,
                QueryFilters.oneOf(Email.Template.class, "template", template));
        return outbox.search(filter, request).map(EmailView::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(operationId = "getEmail", summary = "Get an outbox email (no body)")
    public EmailView one(@PathParam("id") long id) {
        return EmailView.of(outbox.get(id));
    }

    /** An operator's retry of an email that failed: its job's first fresh attempt, sent within this request. */
    @POST
    @Path("/{id}/retry")
    @Operation(operationId = "retryEmail", summary = "Send a failed email again now, with a fresh attempt budget")
    public EmailView retry(@PathParam("id") long id) {
        Email email = outbox.get(id);
        long jobId = outbox.jobToRetry(email);
        audit.success("email.retry", "email", id, email.template().column() + " email to " + email.recipient());
        retries.retry(jobId);
        return EmailView.of(outbox.get(id));
    }
}
