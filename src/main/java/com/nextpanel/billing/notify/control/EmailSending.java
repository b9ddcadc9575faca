package com.nextpanel.billing.notify.control;

import com.nextpanel.billing.automation.control.JobHandler;
import com.nextpanel.billing.automation.control.JobOutcome;
import com.nextpanel.billing.automation.entity.Job;
import com.nextpanel.billing.notify.entity.Email;
import com.nextpanel.billing.security.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import java.time.Clock;
import java.util.logging.Logger;

/**
 * The queue's handler for SEND_EMAIL jobs: one attempt at handing an outbox email to the mail
 * server, outside any transaction. A failed attempt waits at least the mail backoff
 * (mail.backoff-base-ms …), longer than a panel's, since a mail server that is down tends to stay
 * down for minutes.
 */
@ApplicationScoped
public class EmailSending implements JobHandler {

    private static final Logger LOG = Logger.getLogger(EmailSending.class.getName());

    @Inject
    Outbox outbox;

    @Inject
    Mailer mailer;

    @Inject
    SecretCipher cipher;

    @Inject
    NotifyConfig config;

    @Inject
    Clock clock;

    @Override
    public boolean handles(Job.Kind kind) {
        return kind == Job.Kind.SEND_EMAIL;
    }

    @Override
    public JobOutcome attempt(Job job) {
        Email email = outbox.get(job.emailId());
        int attempt = job.attempts();
        if (email.status() == Email.Status.SENT) {
            return JobOutcome.done("sent already", null); // a node died between the send and its record
        }
        try {
            mailer.send(email, email.body(sealed -> cipher.open(sealed, EmailBodies.BODIES.at(email.id()))));
        } catch (MessagingException | RuntimeException e) {
            String error = describe(e);
            Runnable record = () -> outbox.attemptFailed(email.id(), attempt, error, job.lastAttempt());
            if (job.lastAttempt()) {
                // the runner logs it and raises the alert, with these words: the operator's way out included
                return JobOutcome.needsAttention("the " + email.template().column() + " email failed for good after "
                        + attempt + " attempts (POST /api/v1/emails/" + email.id() + "/retry sends it again): "
                        + error).then(record);
            }
            LOG.info(() -> "Email " + email.id() + " (" + email.template().column() + ") not sent, attempt " + attempt
                    + " of " + job.maxAttempts() + ": " + error);
            return JobOutcome.retry(error, clock.instant().plus(config.backoffAfter(attempt))).then(record);
        }
        LOG.fine(() -> "Email " + email.id() + " (" + email.template().column() + ") sent");
        return JobOutcome.done("sent to the mail server", () -> outbox.delivered(email.id(), attempt));
    }

    /** What went wrong, for last_error and the log: the exception and its root cause, never the message itself. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (root != e && root.getMessage() != null && !text.contains(root.getMessage())) {
            text += " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        }
        return text.replaceAll("\\s+", " ").strip();
    }
}
