package com.nextpanel.billing.hosting.control;

import static com.nextpanel.billing.hosting.control.AccountJobs.on;
import static com.nextpanel.billing.hosting.control.AccountJobs.otherwise;

import com.nextpanel.billing.automation.control.JobOutcome;
import com.nextpanel.billing.automation.control.Jobs;
import com.nextpanel.billing.automation.entity.Job;
import com.nextpanel.billing.fleet.control.CapacityAlerts;
import com.nextpanel.billing.fleet.control.PanelAccess;
import com.nextpanel.billing.hosting.entity.AccountStatus;
import com.nextpanel.billing.hosting.entity.HostingAccount;
import com.nextpanel.billing.panel.PanelException;
import com.nextpanel.billing.panel.PanelProblems;
import com.nextpanel.billing.platform.ErrorCode;
import com.nextpanel.billing.platform.JsonValues;
import com.nextpanel.billing.platform.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Clock;

/**
 * A provisioning job's attempt: the account created on its panel, placed first if it was queued
 * unplaced. Any failure once the request may have left marks the outcome unknown, so that a
 * retry never creates the account twice.
 */
@ApplicationScoped
public class AccountCreation {

    @Inject
    Accounts accounts;

    @Inject
    AccountOpening opening;

    @Inject
    PanelAccess panels;

    @Inject
    Jobs jobs;

    @Inject
    CapacityAlerts capacityAlerts;

    @Inject
    Clock clock;

    /** Creates the account on the panel; {@code serverName} is its server's, null while unplaced. */
    JobOutcome create(Job job, HostingAccount queued, String serverName) {
        HostingAccount account = queued;
        if (account.status() == AccountStatus.ACTIVE) {
            return JobOutcome.done("account " + account.username() + " was already created", null);
        }
        if (account.status() != AccountStatus.PENDING) {
            return JobOutcome.failed("account is " + account.status().label() + ", nothing to create", null);
        }
        if (job.secretSealed() == null) {
            return JobOutcome.needsAttention("the customer's password is no longer kept; create the account again");
        }
        String server = serverName;
        if (account.serverId() == null) {
            try {
                opening.placeIfUnplaced(account.id()).ifPresent(capacityAlerts::afterReservation);
                Accounts.OnServer placed = accounts.getOnServer(account.id());
                account = placed.account();
                server = placed.serverName();
            } catch (Refusal noServer) {
                if (!noServer.is(ErrorCode.SERVER_NOT_AVAILABLE)) {
                    throw noServer;
                }
                return JobOutcome.retry(noServer.detail(), null);
            }
        }
        long accountId = account.id();
        String where = on(server);
        JsonObject body = panelAccount(job, account);
        String password = body.getString("password");
        try {
            // hidden before anything sees the failure: the gate, the job, the account and the answer keep its words
            JsonObject created = panels.once(account.serverId(), panel -> {
                try {
                    return panel.createAccount(body);
                } catch (PanelException refused) {
                    throw refused.hiding(password);
                }
            });
            Long panelUserId = idOf(created);
            if (panelUserId == null) {
                // the request left and the panel said yes: the account may exist there without our knowing its id
                jobs.markOutcomeUnknown(job.id());
                return JobOutcome.needsAttention("the panel answered the create of " + account.username() + where
                        + " without the account's id: look the account up on the panel, then delete it there and"
                        + " retry this job, or create the account again under a new name");
            }
            return JobOutcome.done("created " + account.username() + " as panel user " + panelUserId + where,
                    () -> accounts.activate(accountId, panelUserId, password));
        } catch (PanelException e) {
            if (e.kind() == PanelException.Kind.TIMEOUT || e.kind() == PanelException.Kind.PANEL_ERROR) {
                jobs.markOutcomeUnknown(job.id()); // the panel may have created it before the answer was lost
            }
            if (e.kind() == PanelException.Kind.REJECTED && job.outcomeUnknown() && PanelProblems.saysItExists(e.panelDetail())) {
                return JobOutcome.needsAttention("the panel says '" + e.panelDetail() + "', but an earlier attempt of"
                        + " ours may have created " + account.username() + where + " before its answer was lost: check"
                        + " the panel, then retry this job or create the account again under a new name");
            }
            if (e.kind() == PanelException.Kind.REJECTED) {
                String reason = "Account creation failed: " + e.panelDetail();
                return JobOutcome.failed(reason + where, () -> accounts.fail(accountId, reason));
            }
            return otherwise(e, where, clock.instant());
        } catch (RuntimeException unexpected) {
            // anything else once the request may have left: the panel may have created the account
            try {
                jobs.markOutcomeUnknown(job.id());
            } catch (RuntimeException alsoFailed) {
                unexpected.addSuppressed(alsoFailed);
            }
            throw unexpected;
        }
    }

    /** The new panel user's id, or null when the answer has none (or not a number). */
    private static Long idOf(JsonObject created) {
        return created != null && created.get("id") instanceof jakarta.json.JsonNumber id && id.isIntegral()
                ? id.longValue() : null;
    }

    private JsonObject panelAccount(Job job, HostingAccount account) {
        JsonObjectBuilder metadata = JsonValues.object().add("account_id", account.id());
        addIfPresent(metadata, "customer_id", account.customerId());
        addIfPresent(metadata, "order_id", account.orderId());
        JsonObjectBuilder body = JsonValues.object()
                .add("username", account.username())
                .add("email", account.email())
                .add("password", jobs.passwordOf(job))
                .add("is_admin", false)
                .add("billing_id", String.valueOf(account.id()))
                .add("metadata", metadata);
        addIfPresent(body, "full_name", account.fullName());
        addIfPresent(body, "phone", account.phone());
        addIfPresent(body, "company", account.company());
        addIfPresent(body, "package_id", account.packageId());
        return body.build();
    }

    private static void addIfPresent(JsonObjectBuilder json, String name, Object value) {
        if (value instanceof Long number) {
            json.add(name, number);
        } else if (value != null) {
            json.add(name, value.toString());
        }
    }
}
