package com.nextpanel.billing.it;

import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/** A real SMTP server in this JVM on the port the deployed WAR sends to (it.smtp.port). */
final class Mailbox implements AutoCloseable {

    private final GreenMail smtp;

    private Mailbox(GreenMail smtp) {
        this.smtp = smtp;
    }

    static Mailbox open() {
        GreenMail smtp = new GreenMail(new ServerSetup(Integer.getInteger("it.smtp.port"), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return new Mailbox(smtp);
    }

    /** The body of the first email to `recipient`, waited for. */
    String awaitBodyTo(String recipient) {
        MimeMessage mail = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> Arrays.stream(smtp.getReceivedMessages()).filter(m -> sentTo(m, recipient)).findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        return GreenMailUtil.getBody(mail);
    }

    private static boolean sentTo(MimeMessage message, String recipient) {
        try {
            return Arrays.stream(message.getRecipients(RecipientType.TO)).anyMatch(a -> a.toString().equals(recipient));
        } catch (MessagingException e) {
            return false;
        }
    }

    @Override
    public void close() {
        smtp.stop();
    }
}
