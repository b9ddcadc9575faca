package com.nextpanel.billing.store.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the store offers: card payments when a Stripe key is configured (STRIPE_SECRET_KEY), bank
 * transfer when instructions are (BILLING_BANK_TRANSFER_INSTRUCTIONS).
 */
@ApplicationScoped
public class StoreConfig {

    @Inject
    @ConfigProperty(name = "billing.bank-transfer-instructions")
    Optional<String> bankTransferInstructions;

    @Inject
    @ConfigProperty(name = "stripe.secret-key")
    Optional<String> stripeSecretKey;

    public boolean cardPayments() {
        return stripeSecretKey.filter(key -> !key.isBlank()).isPresent();
    }

    /** The operator's text (account holder, IBAN, reference to quote), or empty: no bank transfer. */
    public Optional<String> bankTransferInstructions() {
        return bankTransferInstructions.filter(text -> !text.isBlank());
    }
}
