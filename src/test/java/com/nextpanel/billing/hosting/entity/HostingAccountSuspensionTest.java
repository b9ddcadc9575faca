package com.nextpanel.billing.hosting.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nextpanel.billing.billing.entity.Service;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Only a suspension for non-payment is lifted by a payment; the reason's text decides nothing. */
class HostingAccountSuspensionTest {

    private static final Instant NOW = Instant.parse("2030-01-15T10:00:00Z");

    @Test
    void aNonPaymentSuspensionIsLiftedByAPayment() {
        HostingAccount account = active();

        account.suspend(SuspensionCause.NON_PAYMENT, "Payment overdue", NOW);

        assertThat(account.status()).isEqualTo(AccountStatus.SUSPENDED);
        assertThat(account.suspensionCause()).isEqualTo(SuspensionCause.NON_PAYMENT);
        assertThat(account.suspensionReason()).isEqualTo("Payment overdue");
        assertThat(account.liftedByPayment()).isTrue();
    }

    @Test
    void anOperatorsSuspensionWordedLikeTheSweepsIsNotLiftedByAPayment() {
        HostingAccount account = active();

        account.suspend(SuspensionCause.OPERATOR, "Payment overdue", NOW);

        assertThat(account.suspensionCause()).isEqualTo(SuspensionCause.OPERATOR);
        assertThat(account.liftedByPayment()).isFalse();
    }

    @Test
    void anActiveAccountHasNothingForAPaymentToLift() {
        HostingAccount account = active();

        assertThat(account.liftedByPayment()).isFalse();
        assertThat(account.suspensionCause()).isNull();
    }

    @Test
    void unsuspendingForgetsTheCause() {
        HostingAccount account = active();
        account.suspend(SuspensionCause.NON_PAYMENT, "Payment overdue", NOW);

        account.unsuspend(NOW.plusSeconds(60));

        assertThat(account.suspensionCause()).isNull();
        assertThat(account.suspensionReason()).isNull();
        assertThat(account.liftedByPayment()).isFalse();
    }

    @Test
    void aTerminatedAccountIsNotLiftedByAPayment() {
        HostingAccount account = active();
        account.suspend(SuspensionCause.NON_PAYMENT, "Payment overdue", NOW);

        account.terminate(NOW.plusSeconds(60));

        assertThat(account.liftedByPayment()).isFalse();
    }

    @Test
    void aSuspensionNeedsItsCause() {
        HostingAccount account = active();

        assertThatThrownBy(() -> account.suspend(null, "Payment overdue", NOW))
                .isInstanceOf(NullPointerException.class);
        assertThat(account.status()).isEqualTo(AccountStatus.ACTIVE);
    }

    @Test
    void aSuspendedAccountCannotBeSuspendedAgainUnderAnotherCause() {
        HostingAccount account = active();
        account.suspend(SuspensionCause.OPERATOR, "Abuse report", NOW);

        assertThatThrownBy(() -> account.suspend(SuspensionCause.NON_PAYMENT, "Payment overdue", NOW))
                .isInstanceOf(IllegalAccountTransition.class);
        assertThat(account.suspensionCause()).isEqualTo(SuspensionCause.OPERATOR);
    }

    @Test
    void theServiceShowsWhetherAPaymentLiftsItsSuspension() {
        Service forNonPayment = new Service(1, 1, 1, LocalDate.of(2030, 2, 1), NOW);
        Service byOperator = new Service(1, 1, 2, LocalDate.of(2030, 2, 1), NOW);

        forNonPayment.suspended(SuspensionCause.NON_PAYMENT, NOW);
        byOperator.suspended(SuspensionCause.OPERATOR, NOW);

        assertThat(forNonPayment.suspendedForNonpayment()).isTrue();
        assertThat(byOperator.suspendedForNonpayment()).isFalse();
        assertThat(byOperator.status()).isEqualTo(Service.Status.SUSPENDED);
    }

    private static HostingAccount active() {
        HostingAccount account = new HostingAccount(
                new AccountHolder("alice", "alice@example.com", "Alice", null, null, 1L), 7L, 8L, null, null, NOW);
        account.placeOn(1, NOW);
        account.activate(42, NOW);
        return account;
    }
}
