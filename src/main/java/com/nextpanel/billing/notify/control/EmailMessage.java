package com.nextpanel.billing.notify.control;

import com.nextpanel.billing.notify.entity.Email.Template;
import java.util.Objects;

/**
 * One email ready to be queued: who gets it, what it says, and which account, service or
 * invoice it is about. The body may carry a password: {@link #toString()} never shows it.
 */
public final class EmailMessage {

    private final Template template;
    private final String recipient;
    private final String subject;
    private final String body;
    private final Long accountId;
    private final Long serviceId;
    private final Long invoiceId;

    public EmailMessage(Template template, String recipient, String subject, String body, Long accountId,
            Long serviceId, Long invoiceId) {
        this.template = Objects.requireNonNull(template, "template");
        this.recipient = Objects.requireNonNull(recipient, "recipient").trim();
        this.subject = Objects.requireNonNull(subject, "subject");
        this.body = Objects.requireNonNull(body, "body");
        this.accountId = accountId;
        this.serviceId = serviceId;
        this.invoiceId = invoiceId;
        if (subject.isBlank() || subject.indexOf('\r') >= 0 || subject.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("An email subject is one line of text");
        }
    }

    /** The same email, about this account and service. */
    public EmailMessage about(Long accountId, Long serviceId) {
        return new EmailMessage(template, recipient, subject, body, accountId, serviceId, invoiceId);
    }

    /** The same email, about this invoice. */
    public EmailMessage aboutInvoice(Long invoiceId) {
        return new EmailMessage(template, recipient, subject, body, accountId, serviceId, invoiceId);
    }

    /**
     * The same email, with a line that links to the customer's client area (where the invoice is
     * paid, the service seen), put before the signature.
     */
    public EmailMessage linking(String label, String url) {
        String line = label + ": " + url + "\n";
        int signature = body.lastIndexOf("\n-- \n");
        String linked = signature < 0 ? body + "\n" + line
                : body.substring(0, signature) + "\n" + line + body.substring(signature);
        return new EmailMessage(template, recipient, subject, linked, accountId, serviceId, invoiceId);
    }

    public Template template() {
        return template;
    }

    public String recipient() {
        return recipient;
    }

    public String subject() {
        return subject;
    }

    public String body() {
        return body;
    }

    public Long accountId() {
        return accountId;
    }

    public Long serviceId() {
        return serviceId;
    }

    public Long invoiceId() {
        return invoiceId;
    }

    @Override
    public String toString() {
        return "EmailMessage[" + template + " to " + recipient + ": " + subject + "]";
    }
}
