package com.nextpanel.billing.hosting.control;

import com.nextpanel.billing.hosting.entity.AccountHolder;

/**
 * An account to create. {@code serverId} forces a server; null lets the selector choose.
 * The password goes to the panel only; toString never prints it.
 */
public record NewAccount(AccountHolder holder, String password, Long customerId, Long orderId, Long serverId) {

    @Override
    public String toString() {
        return "NewAccount[" + holder.username() + ", customer=" + customerId + ", order=" + orderId + "]";
    }
}
