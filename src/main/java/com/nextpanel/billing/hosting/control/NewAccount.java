package com.nextpanel.billing.hosting.control;

import com.nextpanel.billing.hosting.entity.AccountHolder;

/**
 * An account to create. {@code serverId} forces a server; null lets the selector choose.
 * The password goes to the panel only; toString never prints it.
 */
public record NewAccount(AccountHolder holder, String password, Long customerId, Long orderId, Long serverId,
        Placement preference) {

    /** Where a plan would like its accounts (a location, a server tag); null parts mean "anywhere". */
    public record Placement(String location, String tag) {
        public static final Placement ANYWHERE = new Placement(null, null);
    }

    public NewAccount(AccountHolder holder, String password, Long customerId, Long orderId, Long serverId) {
        this(holder, password, customerId, orderId, serverId, Placement.ANYWHERE);
    }

    @Override
    public String toString() {
        return "NewAccount[" + holder.username() + ", customer=" + customerId + ", order=" + orderId + "]";
    }
}
