package com.nextpanel.billing.billing.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nextpanel.billing.platform.ErrorCode;
import com.nextpanel.billing.platform.Refusal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class InvoiceTest {

    private static final Instant ISSUED = Instant.parse("2026-12-07T10:00:00Z");
    private static final Instant PAID = ISSUED.plusSeconds(3600);
    private static final LocalDate START = LocalDate.of(2026, 12, 7);
    private static final LocalDate DUE = LocalDate.of(2026, 12, 14);
    private static final Plan PLAN = new Plan("Starter", Money.of("9.99", "USD"), BillingCycle.QUARTERLY, 7, null,
            null, true, ISSUED);

    @Test
    void anIssuedInvoiceOwesOnePeriodOfThePlan() {
        Invoice invoice = issue();

        assertThat(invoice.status()).isEqualTo(Invoice.Status.UNPAID);
        assertThat(invoice.isOpen()).isTrue();
        assertThat(invoice.number()).isEqualTo("INV-0001");
        assertThat(invoice.customerId()).isEqualTo(5L);
        assertThat(invoice.orderId()).isEqualTo(9L);
        assertThat(invoice.total()).isEqualTo(Money.of("9.99", "USD"));
        assertThat(invoice.periodStart()).isEqualTo(START);
        assertThat(invoice.periodEnd()).isEqualTo(LocalDate.of(2027, 3, 7));
        assertThat(invoice.dueDate()).isEqualTo(DUE);
        assertThat(invoice.issuedAt()).isEqualTo(ISSUED);
        assertThat(invoice.paidAt()).isNull();
        assertThat(invoice.lines()).singleElement().satisfies(line -> {
            assertThat(line.position()).isEqualTo(1);
            assertThat(line.description()).isEqualTo("Starter hosting (2026-12-07 to 2027-03-07)");
            assertThat(line.amount()).isEqualByComparingTo("9.99");
        });
    }

    @Test
    void aPaymentCoveringTheTotalPaysIt() {
        Invoice invoice = issue();

        assertThat(invoice.settleIfCovered(Money.of("9.99", "USD"), PAID)).isTrue();

        assertThat(invoice.status()).isEqualTo(Invoice.Status.PAID);
        assertThat(invoice.paidAt()).isEqualTo(PAID);
        assertThat(invoice.isOpen()).isFalse();
        assertThat(invoice.owed(Money.of("9.99", "USD"))).isEqualTo(Money.of("0.00", "USD"));
    }

    @Test
    void aPartPaymentLeavesItUnpaidAndOwingTheRest() {
        Invoice invoice = issue();

        assertThat(invoice.settleIfCovered(Money.of("4.00", "USD"), PAID)).isFalse();

        assertThat(invoice.status()).isEqualTo(Invoice.Status.UNPAID);
        assertThat(invoice.paidAt()).isNull();
        assertThat(invoice.isOpen()).isTrue();
        assertThat(invoice.owed(Money.of("4.00", "USD"))).isEqualTo(Money.of("5.99", "USD"));
    }

    @Test
    void partsThatAddUpToTheTotalPayIt() {
        Invoice invoice = issue();
        Money first = Money.of("4.00", "USD");
        invoice.requireWithinOwed(first, Money.of("0", "USD"));
        invoice.settleIfCovered(first, PAID);

        Money second = Money.of("5.99", "USD");
        invoice.requireWithinOwed(second, first);

        assertThat(invoice.settleIfCovered(first.plus(second), PAID.plusSeconds(1))).isTrue();
        assertThat(invoice.paidAt()).isEqualTo(PAID.plusSeconds(1));
    }

    @Test
    void aPaidInvoiceIsNotSettledAgain() {
        Invoice invoice = issue();
        invoice.settleIfCovered(Money.of("9.99", "USD"), PAID);

        assertThat(invoice.settleIfCovered(Money.of("19.98", "USD"), PAID.plusSeconds(60))).isFalse();

        assertThat(invoice.status()).isEqualTo(Invoice.Status.PAID);
        assertThat(invoice.paidAt()).isEqualTo(PAID);
    }

    @Test
    void anOverpaymentIsRefusedBeforeAnythingIsWritten() {
        Invoice invoice = issue();

        assertThatThrownBy(() -> invoice.requireWithinOwed(Money.of("6.00", "USD"), Money.of("4.00", "USD")))
                .isInstanceOfSatisfying(Refusal.class, r -> {
                    assertThat(r.code()).isEqualTo(ErrorCode.AMOUNT_ABOVE_OWED);
                    assertThat(r.detail()).contains("still owes 5.99 USD");
                });
        assertThat(invoice.status()).isEqualTo(Invoice.Status.UNPAID);
    }

    @Test
    void whatIsOwedIsNeverBelowZero() {
        assertThat(issue().owed(Money.of("50.00", "USD"))).isEqualTo(Money.of("0.00", "USD"));
    }

    @Test
    void aPaymentInAnotherCurrencyIsRefused() {
        Invoice invoice = issue();

        assertThatThrownBy(() -> invoice.requirePayable(Money.of("9.99", "EUR")))
                .isInstanceOfSatisfying(Refusal.class,
                        r -> assertThat(r.code()).isEqualTo(ErrorCode.CURRENCY_MISMATCH));
        invoice.requirePayable(Money.of("1.00", "USD"));
    }

    @Test
    void anOverdueInvoiceIsStillOpenAndAPaymentPaysIt() {
        Invoice invoice = stored(Invoice.Status.OVERDUE);

        assertThat(invoice.isOpen()).isTrue();
        invoice.requirePayable(Money.of("9.99", "USD"));
        assertThat(invoice.settleIfCovered(Money.of("9.99", "USD"), PAID)).isTrue();
        assertThat(invoice.status()).isEqualTo(Invoice.Status.PAID);
    }

    @Test
    void aCancelledInvoiceTakesNoPayment() {
        Invoice invoice = stored(Invoice.Status.CANCELLED);

        assertThat(invoice.isOpen()).isFalse();
        assertThatThrownBy(() -> invoice.requirePayable(Money.of("9.99", "USD")))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.CONFLICT));
        assertThatThrownBy(() -> invoice.settleIfCovered(Money.of("9.99", "USD"), PAID))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.CONFLICT));
        assertThat(invoice.status()).isEqualTo(Invoice.Status.CANCELLED);
        assertThat(invoice.paidAt()).isNull();
    }

    private static Invoice issue() {
        Service service = new Service(5, 2, 9, START, ISSUED);
        return new Invoice("INV-0001", service, 9, PLAN, START, DUE, "Starter hosting", ISSUED);
    }

    /**
     * An invoice as loaded in a status the entity never sets itself: overdue is written by SQL
     * (Invoices.markOverdue), cancelled only by hand in the database.
     */
    private static Invoice stored(Invoice.Status status) {
        Invoice invoice = issue();
        try {
            var field = Invoice.class.getDeclaredField("status");
            field.setAccessible(true);
            field.set(invoice, status);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        return invoice;
    }
}
