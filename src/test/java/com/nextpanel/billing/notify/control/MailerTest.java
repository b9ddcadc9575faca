package com.nextpanel.billing.notify.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.nextpanel.billing.notify.entity.Email;
import jakarta.mail.MessagingException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Mail goes out encrypted unless configured otherwise: a server without STARTTLS gets nothing by default. */
class MailerTest {

    private final GreenMail plainSmtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    @BeforeEach
    void start() {
        plainSmtp.start();
    }

    @AfterEach
    void stop() {
        plainSmtp.stop();
    }

    @Test
    void byDefaultAServerWithoutStarttlsIsRefusedAndNothingIsSent() throws Exception {
        String byDefault = NotifyConfig.class.getDeclaredField("starttls").getAnnotation(ConfigProperty.class)
                .defaultValue();
        Mailer mailer = mailer(Boolean.parseBoolean(byDefault));

        assertThatThrownBy(() -> mailer.send(invoiceEmail(), "Your invoice"))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("STARTTLS");
        assertThat(plainSmtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void plainSmtpOnlyWhenConfiguredSo() throws Exception {
        mailer(false).send(invoiceEmail(), "Your invoice");

        assertThat(plainSmtp.getReceivedMessages()).hasSize(1);
    }

    private Mailer mailer(boolean starttls) {
        NotifyConfig config = new NotifyConfig();
        config.host = "127.0.0.1";
        config.port = plainSmtp.getSmtp().getPort();
        config.user = Optional.empty();
        config.password = Optional.empty();
        config.starttls = starttls;
        config.connectTimeoutMs = 2000;
        config.readTimeoutMs = 2000;
        config.from = "billing@example.com";
        Mailer mailer = new Mailer();
        mailer.config = config;
        mailer.clock = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);
        return mailer;
    }

    private static Email invoiceEmail() {
        return new Email(Email.Template.INVOICE, "customer@example.com", "Invoice INV-000001", "Your invoice",
                null, null, 1L, Instant.parse("2026-12-07T10:00:00Z"));
    }
}
