package com.nextpanel.billing.notify.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nextpanel.billing.notify.entity.Email.Template;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmailTemplatesTest {

    @Test
    void welcomeCarriesTheSignInDetailsAndThePlan() {
        EmailMessage mail = EmailTemplates.welcome("jane@example.com", "Jane Doe", "jane42", "S3cret-Pass!",
                "https://panel1.example.com:8443", "Starter");

        assertThat(mail.template()).isEqualTo(Template.WELCOME);
        assertThat(mail.recipient()).isEqualTo("jane@example.com");
        assertThat(mail.subject()).isEqualTo("Your hosting account jane42 is ready");
        assertThat(mail.body()).startsWith("Hello Jane Doe,\n\n")
                .contains("Control panel: https://panel1.example.com:8443\n")
                .contains("Username:      jane42\n")
                .contains("Password:      S3cret-Pass!\n")
                .contains("Plan:          Starter\n")
                .contains("change this password");
    }

    @Test
    void welcomeWithoutANameOrPlanStillReads() {
        EmailMessage mail = EmailTemplates.welcome("jane@example.com", " ", "jane42", "pw", "https://p", null);

        assertThat(mail.body()).startsWith("Hello,\n\n").doesNotContain("Plan:").doesNotContain("null");
    }

    @Test
    void welcomeRefusesAMissingPasswordWithoutEchoingAnyValue() {
        assertThatThrownBy(() -> EmailTemplates.welcome("jane@example.com", "Jane", "jane42", "", "https://p", "S"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("password is required");
    }

    @Test
    void invoiceListsItsLinesTheAmountAndTheDueDate() {
        EmailMessage mail = EmailTemplates.invoice("jane@example.com", "Jane Doe", "INV-2025-0042", "19.80 EUR",
                LocalDate.of(2025, 12, 1), List.of("Starter hosting, December 2025   9.90 EUR",
                        "Extra storage 10 GB               9.90 EUR"));

        assertThat(mail.template()).isEqualTo(Template.INVOICE);
        assertThat(mail.subject()).isEqualTo("Invoice INV-2025-0042: 19.80 EUR due 1 December 2025");
        assertThat(mail.body()).contains("invoice INV-2025-0042.")
                .contains("  Starter hosting, December 2025   9.90 EUR\n  Extra storage 10 GB               9.90 EUR\n")
                .contains("Amount due: 19.80 EUR")
                .contains("Due date:   1 December 2025");
    }

    @Test
    void invoiceWithoutLinesShowsTheAmountOnly() {
        EmailMessage mail = EmailTemplates.invoice("jane@example.com", null, "7", "5.00 USD", LocalDate.of(2026, 1, 31),
                null);

        assertThat(mail.body()).contains("invoice 7.\n\n  Amount due: 5.00 USD");
    }

    @Test
    void suspensionGivesTheReasonOrSaysThereIsNone() {
        EmailMessage given = EmailTemplates.suspension("jane@example.com", "Jane", "jane42", "Payment overdue");
        EmailMessage none = EmailTemplates.suspension("jane@example.com", "Jane", "jane42", null);

        assertThat(given.template()).isEqualTo(Template.SUSPENSION);
        assertThat(given.subject()).isEqualTo("Your hosting account jane42 has been suspended");
        assertThat(given.body()).contains("Reason: Payment overdue").contains("Your data is kept");
        assertThat(none.body()).contains("Reason: not given");
    }

    @Test
    void unsuspensionAndTerminationNameTheAccount() {
        EmailMessage back = EmailTemplates.unsuspension("jane@example.com", "Jane", "jane42");
        EmailMessage gone = EmailTemplates.termination("jane@example.com", "Jane", "jane42");

        assertThat(back.template()).isEqualTo(Template.UNSUSPENSION);
        assertThat(back.subject()).isEqualTo("Your hosting account jane42 is active again");
        assertThat(back.body()).contains("jane42 is active again");
        assertThat(gone.template()).isEqualTo(Template.TERMINATION);
        assertThat(gone.subject()).isEqualTo("Your hosting account jane42 has been terminated");
        assertThat(gone.body()).contains("jane42 has been terminated");
    }

    @Test
    void noValueCanAddAHeaderLineToTheSubject() {
        EmailMessage mail = EmailTemplates.invoice("jane@example.com", "Jane\r\nBcc: all@example.com",
                "1\r\nBcc: all@example.com", "1 EUR", LocalDate.of(2026, 1, 1), List.of());

        assertThat(mail.subject()).doesNotContain("\r").doesNotContain("\n")
                .isEqualTo("Invoice 1 Bcc: all@example.com: 1 EUR due 1 January 2026");
        assertThat(mail.body()).startsWith("Hello Jane Bcc: all@example.com,\n");
    }

    @Test
    void aMessageKnowsWhatItIsAboutAndNeverPrintsItsBody() {
        EmailMessage mail = EmailTemplates.welcome("jane@example.com", "Jane", "jane42", "S3cret-Pass!", "https://p",
                "Starter").about(41L, 42L).aboutInvoice(43L);

        assertThat(mail.accountId()).isEqualTo(41L);
        assertThat(mail.serviceId()).isEqualTo(42L);
        assertThat(mail.invoiceId()).isEqualTo(43L);
        assertThat(mail.toString()).contains("WELCOME").contains("jane@example.com").doesNotContain("S3cret-Pass!");
    }

    @Test
    void anEmailVerificationCarriesItsOneTimeLinkAndIsKeptSealed() {
        EmailMessage mail = EmailTemplates.emailVerification("jane@example.com", "Jane Doe",
                "https://shop.example.com/store/verify.html?token=abc_DEF-123", "60 minutes");

        assertThat(mail.template()).isEqualTo(Template.EMAIL_VERIFICATION);
        assertThat(mail.subject()).isEqualTo("Confirm your email address");
        assertThat(mail.body()).startsWith("Hello Jane Doe,\n\n")
                .contains("  https://shop.example.com/store/verify.html?token=abc_DEF-123\n")
                .contains("works once, for 60 minutes");
        assertThat(Template.EMAIL_VERIFICATION.carriesSecret()).isTrue();
    }

    @Test
    void aPasswordResetCarriesItsOneTimeLinkAndIsKeptSealed() {
        EmailMessage mail = EmailTemplates.passwordReset("jane@example.com", "Jane\r\nBcc: x@evil.example",
                "https://shop.example.com/store/reset.html?token=abc", "15 minutes");

        assertThat(mail.template()).isEqualTo(Template.PASSWORD_RESET);
        assertThat(mail.subject()).isEqualTo("Set your password");
        assertThat(mail.body()).startsWith("Hello Jane Bcc: x@evil.example,\n\n")
                .contains("  https://shop.example.com/store/reset.html?token=abc\n")
                .contains("works once, for 15 minutes").contains("ignore this email");
        assertThat(Template.PASSWORD_RESET.carriesSecret()).isTrue();
    }
}
