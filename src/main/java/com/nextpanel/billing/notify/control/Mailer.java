package com.nextpanel.billing.notify.control;

import com.nextpanel.billing.notify.entity.Email;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.Date;
import java.util.Properties;

/**
 * Hands one email to the SMTP server (Jakarta Mail, as Payara provides it). Blocking, bounded by
 * the connect and read timeouts: call it outside any transaction.
 */
@ApplicationScoped
public class Mailer {

    /** Names the template, for mail filters and the dev mail catcher. */
    public static final String TEMPLATE_HEADER = "X-NextPanel-Template";

    @Inject
    NotifyConfig config;

    @Inject
    Clock clock;

    private volatile Session session;

    /**
     * Sends it now; throws when the server did not take it (down, refused, timed out). How many
     * run at once is the job queue's email lane's (mail.max-connections).
     */
    public void send(Email email, String body) throws MessagingException {
        InternetAddress from = from();
        MimeMessage message = new OutboxMessage(session(), messageId(email, from));
        message.setFrom(from);
        message.setRecipients(RecipientType.TO, new InternetAddress[] {new InternetAddress(email.recipient(), true)});
        message.setSubject(email.subject(), "UTF-8");
        message.setText(body, "UTF-8");
        message.setSentDate(Date.from(clock.instant()));
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setHeader(TEMPLATE_HEADER, email.template().column());
        if (config.user().isPresent()) {
            Transport.send(message, config.user().get(), config.password());
        } else {
            Transport.send(message);
        }
    }

    private InternetAddress from() throws AddressException {
        try {
            return new InternetAddress(config.from(), true);
        } catch (AddressException e) {
            throw new AddressException("mail.from '" + config.from() + "' is not an address: " + e.getMessage());
        }
    }

    private Session session() {
        Session current = session;
        if (current == null) {
            Properties smtp = new Properties();
            smtp.put("mail.transport.protocol", "smtp");
            smtp.put("mail.smtp.host", config.host());
            smtp.put("mail.smtp.port", Integer.toString(config.port()));
            smtp.put("mail.smtp.connectiontimeout", Integer.toString(config.connectTimeoutMs()));
            smtp.put("mail.smtp.timeout", Integer.toString(config.readTimeoutMs()));
            smtp.put("mail.smtp.writetimeout", Integer.toString(config.readTimeoutMs()));
            smtp.put("mail.smtp.auth", Boolean.toString(config.user().isPresent()));
            smtp.put("mail.smtp.starttls.enable", Boolean.toString(config.starttls()));
            smtp.put("mail.smtp.starttls.required", Boolean.toString(config.starttls()));
            smtp.put("mail.smtp.ssl.checkserveridentity", Boolean.toString(config.starttls()));
            current = session = Session.getInstance(smtp);
        }
        return current;
    }

    /** The same Message-ID on every attempt, so that a rare second delivery is recognisable as one. */
    private static String messageId(Email email, InternetAddress from) {
        String address = from.getAddress();
        String domain = address.substring(address.indexOf('@') + 1);
        return "<outbox." + email.id() + "." + email.createdAt().toEpochMilli() + "@" + domain + ">";
    }

    /** A message whose Message-ID is ours rather than a fresh random one. */
    private static final class OutboxMessage extends MimeMessage {
        private final String messageId;

        OutboxMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
