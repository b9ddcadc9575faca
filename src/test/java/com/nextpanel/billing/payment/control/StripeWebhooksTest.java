package com.nextpanel.billing.payment.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nextpanel.billing.billing.entity.Money;
import com.nextpanel.billing.platform.ErrorCode;
import com.nextpanel.billing.platform.Refusal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What needs no server: refusals before any event is read, and the settings' edge cases. */
class StripeWebhooksTest {

    private static StripeWebhooks webhooksWithSecret(Optional<String> secret) {
        StripeConfig config = new StripeConfig();
        config.secretKey = Optional.empty();
        config.webhookSecret = secret;
        config.apiBase = Optional.empty();
        config.connect();
        StripeWebhooks webhooks = new StripeWebhooks();
        webhooks.stripe = config;
        return webhooks; // paidSessions stays null: nothing may reach it
    }

    @Test
    void withoutAWebhookSecretNoEventIsTrusted() {
        for (Optional<String> none : java.util.List.of(Optional.<String>empty(), Optional.of(" "))) {
            assertThatThrownBy(() -> webhooksWithSecret(none).receive("{\"id\":\"evt_1\"}", "t=1,v1=00"))
                    .isInstanceOfSatisfying(Refusal.class, r -> {
                        assertThat(r.code()).isEqualTo(ErrorCode.CARD_PAYMENTS_NOT_CONFIGURED);
                        assertThat(r.detail()).contains("STRIPE_WEBHOOK_SECRET").doesNotContain("whsec");
                    });
        }
    }

    @Test
    void aSignatureThatDoesNotVerifyIsABadRequest() {
        assertThatThrownBy(() -> webhooksWithSecret(Optional.of("whsec_unit")).receive("{}", "t=1,v1=00"))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.INVALID_INPUT));
        assertThatThrownBy(() -> webhooksWithSecret(Optional.of("whsec_unit")).receive("{}", null))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.INVALID_INPUT));
    }

    @Test
    void withoutASecretKeyCheckoutIsUnavailable() {
        StripeConfig config = webhooksWithSecret(Optional.empty()).stripe;
        assertThatThrownBy(config::client).isInstanceOfSatisfying(Refusal.class,
                r -> assertThat(r.code()).isEqualTo(ErrorCode.CARD_PAYMENTS_NOT_CONFIGURED));
    }

    @Test
    void amountsGoToStripeInMinorUnits() {
        assertThat(CardPayments.minorUnits(Money.of("12.50", "USD"))).isEqualTo(1250);
        assertThat(CardPayments.minorUnits(Money.of("0.99", "EUR"))).isEqualTo(99);
        assertThat(CardPayments.minorUnits(Money.of("500", "JPY"))).isEqualTo(500);
    }

    @Test
    void bankTransferInstructionsAreOfferedOnlyWhenConfigured() {
        BankTransfer bank = new BankTransfer();
        bank.instructions = Optional.of("  IBAN DE00 1234, reference: your invoice number \n");
        assertThat(bank.bankTransferInstructions()).hasValue("IBAN DE00 1234, reference: your invoice number");
        bank.instructions = Optional.of("   ");
        assertThat(bank.bankTransferInstructions()).isEmpty();
        bank.instructions = Optional.empty();
        assertThat(bank.bankTransferInstructions()).isEmpty();
    }
}
