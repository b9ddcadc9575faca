package com.nextpanel.billing.notify.control;

import com.nextpanel.billing.platform.ErrorCode;
import com.nextpanel.billing.platform.PublicAddress;
import com.nextpanel.billing.platform.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.List;

/**
 * Queues customer emails. Joins the caller's transaction, so an email is queued if and only if
 * the business change that causes it commits; the outbox worker sends it afterwards, outside any
 * transaction. A body that carries a secret (a welcome email's password, a one-time link) is stored sealed. Each
 * method answers the id of the queued email. An address that is not one is refused (INVALID_RECIPIENT) before
 * anything is written, without marking the caller's transaction for rollback: the caller decides
 * whether its change stands without the email.
 */
@ApplicationScoped
@Transactional(dontRollbackOn = Refusal.class)
public class Emails {

    @Inject
    Outbox outbox;

    @Inject
    PublicAddress publicAddress;

    /** Queues any email; the template methods below are the usual way in. */
    public long queue(EmailMessage message) {
        requireAddress(message.recipient());
        return outbox.add(message).id();
    }

    /** The new account's sign-in details (panel URL, username, password). */
    public long welcome(String to, String fullName, String username, String password, String panelUrl,
            String planName, Long accountId, Long serviceId) {
        return queue(EmailTemplates.welcome(to, fullName, username, password, panelUrl, planName)
                .linking("Your services and invoices", clientArea()).about(accountId, serviceId));
    }

    /** A new invoice: {@code amount} formatted with its currency (e.g. "12.50 EUR"), one string per line. */
    public long invoice(String to, String fullName, String number, String amount, LocalDate due, List<String> lines,
            Long invoiceId) {
        return queue(EmailTemplates.invoice(to, fullName, number, amount, due, lines)
                .linking("View and pay it", invoiceId == null ? clientArea()
                        : publicAddress.link("/client/invoice.html?id=" + invoiceId))
                .aboutInvoice(invoiceId));
    }

    public long suspension(String to, String fullName, String username, String reason, Long accountId,
            Long serviceId) {
        return queue(EmailTemplates.suspension(to, fullName, username, reason)
                .linking("Your invoices", publicAddress.link("/client/invoices.html")).about(accountId, serviceId));
    }

    public long unsuspension(String to, String fullName, String username, Long accountId, Long serviceId) {
        return queue(EmailTemplates.unsuspension(to, fullName, username)
                .linking("Your services", clientArea()).about(accountId, serviceId));
    }

    public long termination(String to, String fullName, String username, Long accountId, Long serviceId) {
        return queue(EmailTemplates.termination(to, fullName, username)
                .linking("Your client area", clientArea()).about(accountId, serviceId));
    }

    private String clientArea() {
        return publicAddress.link("/client/");
    }

    /** A payment received: {@code amount}, {@code paidSoFar} and {@code total} formatted with their currency. */
    public long paymentReceipt(String to, String fullName, String invoiceNumber, String amount, String paidSoFar,
            String total, boolean settled, String invoiceLink, Long invoiceId) {
        return queue(EmailTemplates.paymentReceipt(to, fullName, invoiceNumber, amount, paidSoFar, total, settled,
                invoiceLink).aboutInvoice(invoiceId));
    }

    /** The one-time link that verifies the customer's email address; sealed, since it is a secret. */
    public long emailVerification(String to, String fullName, String link, String validFor) {
        return queue(EmailTemplates.emailVerification(to, fullName, link, validFor));
    }

    /** The one-time link that sets a new password; sealed, since it is a secret. */
    public long passwordReset(String to, String fullName, String link, String validFor) {
        return queue(EmailTemplates.passwordReset(to, fullName, link, validFor));
    }

    /** A bare address (no display name), as the outbox table insists. */
    private static void requireAddress(String recipient) {
        try {
            InternetAddress address = new InternetAddress(recipient, true);
            if (address.getPersonal() != null || !recipient.equals(address.getAddress())
                    || !recipient.contains("@") || recipient.length() > 254) {
                throw new AddressException("not a bare address");
            }
        } catch (AddressException e) {
            throw new Refusal(ErrorCode.INVALID_RECIPIENT,
                    "'" + recipient + "' is not an email address");
        }
    }
}
