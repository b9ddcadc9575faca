package com.nextpanel.billing.notify.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EmailTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void aWelcomeEmailKeepsOnlyItsSealedBodyUntilItIsSent() {
        Email email = welcome();
        email.sealBody("v2:sealed");

        assertThat(email.status()).isEqualTo(Email.Status.PENDING);
        assertThat(email.body(sealed -> "opened " + sealed)).isEqualTo("opened v2:sealed");

        email.delivered(2, NOW);

        assertThat(email.status()).isEqualTo(Email.Status.SENT);
        assertThat(email.attempts()).isEqualTo(2);
        assertThat(email.sentAt()).isEqualTo(NOW);
        assertThat(email.body(sealed -> "opened " + sealed)).isNull();
    }

    @Test
    void aFailedAttemptWaitsForTheNextUntilTheJobGivesUp() {
        Email email = welcome();

        email.attemptFailed(1, "ConnectException: refused", false);
        assertThat(email.status()).isEqualTo(Email.Status.PENDING);
        assertThat(email.attempts()).isEqualTo(1);
        assertThat(email.lastError()).contains("refused");

        email.attemptFailed(6, "ConnectException: refused", true);
        assertThat(email.status()).isEqualTo(Email.Status.FAILED);
        assertThat(email.attempts()).isEqualTo(6);

        email.delivered(1, NOW); // an operator's retry: a fresh budget's first attempt
        assertThat(email.status()).isEqualTo(Email.Status.SENT);
        assertThat(email.lastError()).isNull();
    }

    @Test
    void aSentEmailStaysSent() {
        Email email = welcome();
        email.delivered(1, NOW);

        email.delivered(2, NOW.plusSeconds(5));

        assertThat(email.sentAt()).isEqualTo(NOW);
        assertThat(email.attempts()).isEqualTo(1);
        assertThatThrownBy(() -> email.attemptFailed(2, "late", false)).isInstanceOf(IllegalStateException.class);
    }

    private static Email welcome() {
        return new Email(Email.Template.WELCOME, "jane@example.com", "Your hosting account is ready", "password",
                7L, 8L, null, NOW);
    }
}
