package com.nextpanel.billing.payment.control;

import com.nextpanel.billing.platform.ErrorCode;
import com.nextpanel.billing.platform.Refusal;
import com.stripe.StripeClient;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Stripe's settings (MicroProfile Config): stripe.secret-key [STRIPE_SECRET_KEY],
 * stripe.webhook-secret [STRIPE_WEBHOOK_SECRET], stripe.api-base [STRIPE_API_BASE, for the fake
 * API only]. Without them card payments answer 503. The keys are never logged nor returned.
 */
@ApplicationScoped
public class StripeConfig {

    private static final int TIMEOUT_MS = 10_000;

    @Inject
    @ConfigProperty(name = "stripe.secret-key")
    Optional<String> secretKey;

    @Inject
    @ConfigProperty(name = "stripe.webhook-secret")
    Optional<String> webhookSecret;

    @Inject
    @ConfigProperty(name = "stripe.api-base")
    Optional<String> apiBase;

    private StripeClient client;

    @PostConstruct
    void connect() {
        secretKey.filter(key -> !key.isBlank()).ifPresent(key -> {
            StripeClient.StripeClientBuilder builder = StripeClient.builder().setApiKey(key)
                    .setConnectTimeout(TIMEOUT_MS).setReadTimeout(TIMEOUT_MS).setMaxNetworkRetries(2);
            apiBase.filter(base -> !base.isBlank()).ifPresent(builder::setApiBase);
            client = builder.build();
        });
    }

    /** Whether the store takes cards: a secret key is configured. */
    public boolean cardPayments() {
        return client != null;
    }

    /** The API client; a 503 when no secret key is configured. */
    public StripeClient client() {
        if (client == null) {
            throw notConfigured("STRIPE_SECRET_KEY");
        }
        return client;
    }

    /** The secret webhooks are signed with; a 503 when none is configured (no event is trusted then). */
    public String webhookSecret() {
        return webhookSecret.filter(secret -> !secret.isBlank()).orElseThrow(() -> notConfigured("STRIPE_WEBHOOK_SECRET"));
    }

    private static Refusal notConfigured(String setting) {
        return new Refusal(ErrorCode.CARD_PAYMENTS_NOT_CONFIGURED,
                "Card payments are not configured on this server (" + setting + " is not set)");
    }
}
