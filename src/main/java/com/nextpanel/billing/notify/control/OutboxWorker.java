package com.nextpanel.billing.notify.control;

import com.nextpanel.billing.notify.entity.Email;
import com.nextpanel.billing.security.SecretCipher;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends queued emails every mail.poll-interval-ms: claims due ones in a short transaction, sends
 * each outside any transaction, then records the outcome in another. Each node's timer fires;
 * the claim in {@link Outbox} hands each email to one of them.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigration")
@TransactionManagement(TransactionManagementType.BEAN) // an SMTP conversation must not hold a transaction
public class OutboxWorker {

    private static final Logger LOG = Logger.getLogger(OutboxWorker.class.getName());
    /** One timer tick keeps claiming while emails are due, but yields after this long. */
    private static final Duration MAX_TICK = Duration.ofSeconds(30);

    @Resource
    TimerService timers;

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

    @PostConstruct
    void start() {
        long interval = config.pollInterval().toMillis();
        timers.createIntervalTimer(interval, interval, new TimerConfig("email-outbox", false));
    }

    @Timeout
    void tick() {
        long deadline = System.nanoTime() + MAX_TICK.toNanos();
        try {
            boolean more;
            do {
                List<Email> claimed = outbox.claimDue(config.batchSize());
                more = claimed.size() == config.batchSize();
                for (Email email : claimed) {
                    more &= deliver(email);
                }
            } while (more && System.nanoTime() < deadline);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Email outbox round failed; the next round will try again", e);
        }
    }

    /** Sends one claimed email and records how it went; false when the lease ran short and the round should end. */
    private boolean deliver(Email email) {
        if (clock.instant().plus(config.sendBudget()).isAfter(email.claimedUntil())) {
            outbox.handBack(email.id()); // another node may take it over before a send could end
            return false;
        }
        try {
            mailer.send(email, email.body(sealed -> cipher.open(sealed, EmailBodies.BODIES.at(email.id()))));
        } catch (MessagingException | RuntimeException e) {
            recordFailure(email, describe(e));
            return true;
        }
        outbox.delivered(email.id());
        LOG.fine(() -> "Email " + email.id() + " (" + email.template().column() + ") sent");
        return true;
    }

    private void recordFailure(Email email, String error) {
        Email after = outbox.attemptFailed(email.id(), error);
        if (after.status() == Email.Status.FAILED) {
            LOG.warning(() -> "Email " + after.id() + " (" + after.template().column() + ") failed for good after "
                    + after.attempts() + " attempts: " + error + "; POST /api/v1/emails/" + after.id()
                    + "/retry sends it again");
        } else if (after.status() == Email.Status.PENDING) {
            LOG.info(() -> "Email " + after.id() + " (" + after.template().column() + ") not sent, attempt "
                    + after.attempts() + " of " + config.maxAttempts() + "; next at " + after.nextAttemptAt() + ": "
                    + error);
        }
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
