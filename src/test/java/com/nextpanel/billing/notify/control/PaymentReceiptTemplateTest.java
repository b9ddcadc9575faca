package com.nextpanel.billing.notify.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.nextpanel.billing.notify.entity.Email.Template;
import org.junit.jupiter.api.Test;

class PaymentReceiptTemplateTest {

    @Test
    void aReceiptSaysWhatWasPaidAndLinksToTheInvoice() {
        EmailMessage receipt = EmailTemplates.paymentReceipt("ada@example.com", "Ada\r\nBcc: x@evil", "INV-000007",
                "4.00 USD", "4.00 USD", "9.99 USD", false, "https://billing.example/client/invoice.html?id=7");
        assertThat(receipt.template()).isEqualTo(Template.PAYMENT_RECEIPT);
        assertThat(receipt.subject()).isEqualTo("Payment received for invoice INV-000007: 4.00 USD");
        assertThat(receipt.body()).contains("4.00 USD").contains("9.99 USD").contains("partly paid")
                .contains("https://billing.example/client/invoice.html?id=7").doesNotContain("\r\nBcc");
        assertThat(Template.PAYMENT_RECEIPT.carriesSecret()).isFalse();
    }
}
