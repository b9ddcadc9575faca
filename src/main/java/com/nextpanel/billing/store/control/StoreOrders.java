package com.nextpanel.billing.store.control;

import com.nextpanel.billing.billing.control.Customers;
import com.nextpanel.billing.billing.control.Orders;
import com.nextpanel.billing.payment.control.BankTransfer;
import com.nextpanel.billing.platform.ErrorCode;
import com.nextpanel.billing.platform.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Locale;

/** A customer orders in the store: the operator's order, placed for themselves, with their way to pay. */
@ApplicationScoped
@Transactional
public class StoreOrders {

    /** The ways to pay a customer may choose. */
    public enum Gateway { STRIPE, BANK_TRANSFER }

    @Inject
    Customers customers;

    @Inject
    Orders orders;

    @Inject
    BankTransfer bankTransfer;

    public Orders.Placed place(long customerId, long planId, String username, Gateway gateway) {
        if (!customers.get(customerId).isEmailVerified()) {
            throw new Refusal(ErrorCode.EMAIL_NOT_VERIFIED,
                    "Confirm your email address first: open the link we emailed you, or ask for a new one");
        }
        if (gateway == Gateway.BANK_TRANSFER && bankTransfer.bankTransferInstructions().isEmpty()) {
            throw new Refusal(ErrorCode.PAYMENT_METHOD_NOT_OFFERED,
                    "Bank transfer is not offered by this store; pay by card");
        }
        Orders.Placed placed = orders.place(customerId, planId, username);
        placed.order().payBy(gateway.name().toLowerCase(Locale.ROOT));
        return placed;
    }
}
