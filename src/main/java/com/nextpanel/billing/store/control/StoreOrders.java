package com.nextpanel.billing.store.control;

import com.nextpanel.billing.billing.control.Orders;
import com.nextpanel.billing.payment.control.BankTransfer;
import com.nextpanel.billing.platform.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** A customer orders in the store: the operator's order, placed for themselves, with their way to pay. */
@ApplicationScoped
@Transactional
public class StoreOrders {

    /** The ways to pay a customer may choose. */
    public enum Gateway { STRIPE, BANK_TRANSFER }

    @PersistenceContext
    EntityManager em;

    @Inject
    Orders orders;

    @Inject
    BankTransfer bankTransfer;

    public Orders.Placed place(long customerId, long planId, String username, Gateway gateway) {
        if (!emailVerified(customerId)) {
            throw new Problem(403, "email-not-verified", "Email not verified",
                    "Confirm your email address first: open the link we emailed you, or ask for a new one");
        }
        if (gateway == Gateway.BANK_TRANSFER && bankTransfer.bankTransferInstructions().isEmpty()) {
            throw Problem.unprocessable("gateway-unavailable", "Payment method not offered",
                    "Bank transfer is not offered by this store; pay by card");
        }
        Orders.Placed placed = orders.place(customerId, planId, username);
        placed.order().payBy(gateway.name().toLowerCase(java.util.Locale.ROOT));
        return placed;
    }

    private boolean emailVerified(long customerId) {
        return !em.createNativeQuery("SELECT 1 FROM customer WHERE id = ?1 AND email_verified_at IS NOT NULL")
                .setParameter(1, customerId).getResultList().isEmpty();
    }
}
