package com.nextpanel.billing.hosting.control;

import com.nextpanel.billing.fleet.control.PanelAccess;
import com.nextpanel.billing.hosting.entity.AccountStatus;
import com.nextpanel.billing.hosting.entity.HostingAccount;
import com.nextpanel.billing.panel.PanelException;
import com.nextpanel.billing.panel.PanelProblems;
import com.nextpanel.billing.platform.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

/** Live usage of an account, read from its panel (never cached: the integration guide's stats are live). */
@ApplicationScoped
public class AccountStats {

    @Inject
    Accounts accounts;

    @Inject
    PanelAccess panels;

    public JsonObject of(long accountId) {
        HostingAccount account = accounts.get(accountId);
        if (account.status() != AccountStatus.ACTIVE && account.status() != AccountStatus.SUSPENDED) {
            throw Refusal.conflict("Account " + accountId + " is " + account.status().label()
                    + ": it has no usage on a panel");
        }
        try {
            return panels.repeatable(account.serverId(), panel -> panel.stats(account.panelUserId()));
        } catch (PanelException e) {
            throw PanelProblems.of(e);
        }
    }
}
