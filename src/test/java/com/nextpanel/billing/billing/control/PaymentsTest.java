package com.nextpanel.billing.billing.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nextpanel.billing.billing.entity.BillingCycle;
import com.nextpanel.billing.billing.entity.Customer;
import com.nextpanel.billing.billing.entity.Invoice;
import com.nextpanel.billing.billing.entity.Money;
import com.nextpanel.billing.billing.entity.Plan;
import com.nextpanel.billing.billing.entity.Service;
import com.nextpanel.billing.notify.control.Emails;
import com.nextpanel.billing.platform.ErrorCode;
import com.nextpanel.billing.platform.PublicAddress;
import com.nextpanel.billing.platform.Refusal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaymentsTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);
    private static final Money AMOUNT = Money.of("9.99", "USD");

    @Test
    void aReceiptQueuedAsUsualLeavesNothingToSay() {
        List<String> sentTo = new ArrayList<>();
        Payments payments = payments(to -> sentTo.add(to));

        payments.receipt(invoice(), AMOUNT, AMOUNT);

        assertThat(sentTo).containsExactly("ada@example.com");
    }

    @Test
    void aCustomerAddressThatIsNotOneLeavesThePaymentStandingWithoutItsReceipt() {
        Payments payments = payments(to -> {
            throw new Refusal(ErrorCode.INVALID_RECIPIENT, "'" + to + "' is not an email address");
        });

        payments.receipt(invoice(), AMOUNT, AMOUNT);
    }

    @Test
    void anyOtherRefusalOfTheReceiptIsNotTakenForAnUnsendableOne() {
        Refusal notFound = Refusal.notFound("Invoice", 9);
        Payments payments = payments(to -> {
            throw notFound;
        });

        assertThatThrownBy(() -> payments.receipt(invoice(), AMOUNT, AMOUNT)).isSameAs(notFound);
    }

    private interface Receipts {
        void queue(String to);
    }

    private static Payments payments(Receipts receipts) {
        Payments payments = new Payments();
        payments.customers = new Customers() {
            @Override
            public Customer get(long id) {
                return new Customer("ada@example.com", "Ada Lovelace", null, null, NOW);
            }
        };
        payments.emails = new Emails() {
            @Override
            public long paymentReceipt(String to, String fullName, String invoiceNumber, String amount,
                    String paidSoFar, String total, boolean settled, String invoiceLink, Long invoiceId) {
                receipts.queue(to);
                return 1;
            }
        };
        payments.publicAddress = new PublicAddress() {
            @Override
            protected String url() {
                return "https://billing.example.com";
            }
        };
        return payments;
    }

    private static Invoice invoice() {
        Plan plan = new Plan("Starter", AMOUNT, BillingCycle.QUARTERLY, 7, null, null, true, NOW);
        return new Invoice("INV-0001", new Service(5, 2, 9, TODAY, NOW), 9, plan, TODAY, TODAY.plusDays(7),
                "Starter hosting", NOW);
    }
}
