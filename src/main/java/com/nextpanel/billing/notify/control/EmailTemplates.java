package com.nextpanel.billing.notify.control;

import com.nextpanel.billing.notify.entity.Email.Template;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The customer emails, as plain text. Values are put in as given (no markup to escape); those in
 * a subject are folded onto one line, so no value can add a mail header.
 */
public final class EmailTemplates {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);
    private static final String SIGNATURE = "\n-- \nNextPanel Billing\n";

    private EmailTemplates() {
    }

    /** The new account's sign-in: the only email that carries a password. */
    public static EmailMessage welcome(String to, String fullName, String username, String password, String panelUrl,
            String planName) {
        require(username, "username");
        require(password, "password");
        require(panelUrl, "panelUrl");
        String body = greeting(fullName)
                + "your hosting account is ready. Sign in to your control panel with:\n\n"
                + "  Control panel: " + panelUrl + "\n"
                + "  Username:      " + username + "\n"
                + "  Password:      " + password + "\n"
                + (blank(planName) ? "" : "  Plan:          " + planName + "\n")
                + "\nPlease change this password after your first sign-in, and keep this email private"
                + " or delete it.\n"
                + SIGNATURE;
        return new EmailMessage(Template.WELCOME, to, oneLine("Your hosting account " + username + " is ready"), body,
                null, null, null);
    }

    /** A new invoice; {@code amount} comes formatted with its currency, each line as it should read. */
    public static EmailMessage invoice(String to, String fullName, String number, String amount, LocalDate due,
            List<String> lines) {
        require(number, "number");
        require(amount, "amount");
        Objects.requireNonNull(due, "due");
        StringBuilder body = new StringBuilder(greeting(fullName))
                .append("here is your invoice ").append(number).append(".\n\n");
        for (String line : lines == null ? List.<String>of() : lines) {
            body.append("  ").append(line).append('\n');
        }
        body.append(lines == null || lines.isEmpty() ? "" : "\n")
                .append("  Amount due: ").append(amount).append('\n')
                .append("  Due date:   ").append(DATE.format(due)).append("\n\n")
                .append("Please pay by the due date so that your services keep running without interruption.\n")
                .append(SIGNATURE);
        return new EmailMessage(Template.INVOICE, to,
                oneLine("Invoice " + number + ": " + amount + " due " + DATE.format(due)), body.toString(),
                null, null, null);
    }

    /** A payment received against an invoice, with the link to the invoice in the client area. */
    public static EmailMessage paymentReceipt(String to, String fullName, String invoiceNumber, String amount,
            String paidSoFar, String total, boolean settled, String invoiceLink) {
        require(invoiceNumber, "invoiceNumber");
        require(amount, "amount");
        String body = greeting(fullName)
                + "thank you: we received your payment of " + amount + " for invoice " + invoiceNumber + ".\n\n"
                + "  Invoice total: " + total + "\n"
                + "  Paid so far:   " + paidSoFar + "\n"
                + "  Status:        " + (settled ? "paid in full" : "partly paid") + "\n"
                + (blank(invoiceLink) ? "" : "\nSee the invoice: " + invoiceLink + "\n")
                + SIGNATURE;
        return new EmailMessage(Template.PAYMENT_RECEIPT, to,
                oneLine("Payment received for invoice " + invoiceNumber + ": " + amount), body, null, null, null);
    }

    public static EmailMessage suspension(String to, String fullName, String username, String reason) {
        require(username, "username");
        String body = greeting(fullName)
                + "your hosting account " + username + " has been suspended: its websites and email are offline"
                + " for now.\n\n"
                + "  Reason: " + (blank(reason) ? "not given" : reason) + "\n\n"
                + "Your data is kept. Once the reason is dealt with (for an overdue invoice: once it is paid), the"
                + " account is active again.\n"
                + SIGNATURE;
        return new EmailMessage(Template.SUSPENSION, to,
                oneLine("Your hosting account " + username + " has been suspended"), body, null, null, null);
    }

    public static EmailMessage unsuspension(String to, String fullName, String username) {
        require(username, "username");
        String body = greeting(fullName)
                + "your hosting account " + username + " is active again: its websites and email are back online.\n"
                + SIGNATURE;
        return new EmailMessage(Template.UNSUSPENSION, to,
                oneLine("Your hosting account " + username + " is active again"), body, null, null, null);
    }

    public static EmailMessage termination(String to, String fullName, String username) {
        require(username, "username");
        String body = greeting(fullName)
                + "your hosting account " + username + " has been terminated and its data removed from the server.\n\n"
                + "If you did not expect this, please contact us.\n"
                + SIGNATURE;
        return new EmailMessage(Template.TERMINATION, to,
                oneLine("Your hosting account " + username + " has been terminated"), body, null, null, null);
    }

    /** The link that proves the customer reads this mailbox; it works once, until {@code validFor} runs out. */
    public static EmailMessage emailVerification(String to, String fullName, String link, String validFor) {
        require(link, "link");
        String body = greeting(fullName)
                + "please confirm that this is your email address by opening this link:\n\n"
                + "  " + link + "\n\n"
                + "The link works once, for " + validFor + ". If you did not sign up, ignore this email.\n"
                + SIGNATURE;
        return new EmailMessage(Template.EMAIL_VERIFICATION, to, "Confirm your email address", body,
                null, null, null);
    }

    /** The link that sets a new password; it works once, until {@code validFor} runs out. */
    public static EmailMessage passwordReset(String to, String fullName, String link, String validFor) {
        require(link, "link");
        String body = greeting(fullName)
                + "someone (we hope you) asked to set a new password for your account. Choose it here:\n\n"
                + "  " + link + "\n\n"
                + "The link works once, for " + validFor + ". If you did not ask for it, ignore this email:"
                + " your password stays as it is.\n"
                + SIGNATURE;
        return new EmailMessage(Template.PASSWORD_RESET, to, "Set your password", body, null, null, null);
    }

    private static String greeting(String fullName) {
        return (blank(fullName) ? "Hello," : "Hello " + oneLine(fullName) + ",") + "\n\n";
    }

    /** CR and LF would start a new header line: a subject is folded onto one. */
    static String oneLine(String text) {
        return text.replaceAll("[\\r\\n\\t]+", " ").strip();
    }

    private static void require(String value, String name) {
        if (blank(value)) {
            throw new IllegalArgumentException(name + " is required"); // never the value: it may be a password
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
