package com.nextpanel.billing.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The mail server the application sends to in the tests (GreenMail on it.smtp.port), for a test
 * class: {@code @RegisterExtension static final Mailbox MAIL = new Mailbox();}. Reads the emails a
 * customer receives and the one-time links in them. A test may take it down; the next finds it up.
 */
final class Mailbox implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]+)");

    private GreenMail smtp;

    @Override
    public void beforeAll(ExtensionContext context) {
        up();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!smtp.isRunning()) {
            up();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        down();
    }

    /** The mail server listens again (a new one: what the old one received is gone). */
    void up() {
        smtp = new GreenMail(new ServerSetup(Integer.getInteger("it.smtp.port"), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    /** The mail server down, as the application meets it: connections refused. */
    void down() {
        smtp.stop();
    }

    /** The emails of this template to {@code recipient}, oldest first, once there are at least {@code count}. */
    List<MimeMessage> awaitMails(String recipient, String template, int count) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> Arrays.stream(smtp.getReceivedMessages()).filter(m -> is(m, recipient, template)).toList(),
                        mails -> mails.size() >= count);
    }

    /** The first email to {@code recipient} whose subject contains {@code subjectPart}, once it is there. */
    MimeMessage awaitMail(String recipient, String subjectPart) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> Arrays.stream(smtp.getReceivedMessages())
                        .filter(m -> sentTo(m, recipient) && subject(m).contains(subjectPart)).findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }

    /** The first email to {@code recipient}, once it is there. */
    MimeMessage awaitMailTo(String recipient) {
        return awaitMail(recipient, "");
    }

    /** All emails received so far. */
    MimeMessage[] received() {
        return smtp.getReceivedMessages();
    }

    /** The emails received so far by {@code recipient}. */
    List<MimeMessage> receivedBy(String recipient) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> sentTo(m, recipient)).toList();
    }

    /** The plain-text body, decoded from its transfer encoding. */
    static String bodyOf(MimeMessage mail) {
        try {
            return mail.getContent().toString();
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The one-time link in an email. */
    static String linkIn(MimeMessage mail) {
        Matcher link = Pattern.compile("https?://\\S+token=[A-Za-z0-9_-]+").matcher(bodyOf(mail));
        assertThat(link.find()).as("a link in the email").isTrue();
        return link.group();
    }

    static String tokenOf(String link) {
        Matcher token = TOKEN.matcher(link);
        assertThat(token.find()).as("a token in " + link).isTrue();
        return token.group(1);
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            return "";
        }
    }

    private static boolean sentTo(MimeMessage message, String recipient) {
        try {
            return Arrays.stream(message.getRecipients(RecipientType.TO)).anyMatch(a -> a.toString().equals(recipient));
        } catch (MessagingException e) {
            return false;
        }
    }

    private static boolean is(MimeMessage message, String recipient, String template) {
        try {
            return Arrays.asList(message.getHeader("X-NextPanel-Template")).contains(template)
                    && Arrays.stream(message.getRecipients(RecipientType.TO)).anyMatch(a -> a.toString().equals(recipient));
        } catch (MessagingException | NullPointerException e) {
            return false;
        }
    }
}
