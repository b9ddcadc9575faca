package com.nextpanel.billing.hosting.boundary;

import com.nextpanel.billing.automation.entity.Job;
import com.nextpanel.billing.fleet.control.ReservedSlot;
import com.nextpanel.billing.hosting.entity.HostingAccount;
import com.nextpanel.billing.panel.PanelProblems;
import com.nextpanel.billing.platform.ErrorCode;
import com.nextpanel.billing.platform.ProblemJson;
import com.nextpanel.billing.platform.Refusal;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a job run within the request into the answer the integration guide's clients expect: done → 200,
 * still retrying → 202 "pending", refused for good → 4xx, needs an operator → 502.
 */
final class ActionAnswers {

    private ActionAnswers() {
    }

    static Response provisioned(HostingAccount account, Job job, ReservedSlot server) {
        if (job.status() == Job.Status.DONE) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("success", true);
            body.put("account_id", account.id());
            body.put("server_name", server.serverName());
            body.put("server_url", server.baseUrl());
            body.put("nextpanel_user_id", account.panelUserId());
            body.put("username", account.username());
            return Response.ok(body).build();
        }
        return notDone(account, job, "Account creation");
    }

    /** {@code message} says what was done ("Account suspended"); {@code action} what was tried ("Suspension"). */
    static Response acted(HostingAccount account, Job job, String message, String action) {
        if (job.status() == Job.Status.DONE) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("success", true);
            body.put("account_id", account.id());
            body.put("status", account.status().label());
            body.put("message", message);
            body.put("job_id", job.id());
            return Response.ok(body).build();
        }
        return notDone(account, job, action);
    }

    private static Response notDone(HostingAccount account, Job job, String what) {
        return switch (job.status()) {
            case PENDING, IN_PROGRESS -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("success", false);
                body.put("status", "pending");
                body.put("account_id", account.id());
                body.put("job_id", job.id());
                body.put("username", account.username());
                body.put("detail", "The panel could not be reached; it will be retried automatically: "
                        + job.lastError());
                body.put("next_attempt_at", job.nextAttemptAt().toString());
                yield Response.accepted(body).build();
            }
            case FAILED -> ProblemJson.response(new Refusal(PanelProblems.saysItExists(job.lastError())
                    ? ErrorCode.PANEL_REFUSED_DUPLICATE : ErrorCode.PANEL_REFUSED, job.lastError())
                    .titled(what + " failed").with("account_id", account.id()).with("job_id", job.id()));
            default -> ProblemJson.response(new Refusal(ErrorCode.NEEDS_ATTENTION, job.lastError())
                    .titled(what + " needs attention").with("account_id", account.id()).with("job_id", job.id()));
        };
    }
}
