package com.nextpanel.billing.payment.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How to pay by bank transfer (billing.bank-transfer-instructions [BILLING_BANK_TRANSFER_INSTRUCTIONS]). */
@ApplicationScoped
public class BankTransfer {

    @Inject
    @ConfigProperty(name = "billing.bank-transfer-instructions")
    Optional<String> instructions;

    /** The instructions to show with an unpaid invoice; empty when bank transfer is not offered. */
    public Optional<String> bankTransferInstructions() {
        return instructions.map(String::strip).filter(text -> !text.isEmpty());
    }
}
