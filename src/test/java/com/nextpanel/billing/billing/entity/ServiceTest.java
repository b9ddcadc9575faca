package com.nextpanel.billing.billing.entity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nextpanel.billing.hosting.entity.SuspensionCause;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ServiceTest {

    private static final Instant ORDERED = Instant.parse("2026-12-07T10:00:00Z");
    private static final Instant LATER = ORDERED.plusSeconds(60);
    private static final LocalDate FIRST_DUE = LocalDate.of(2026, 12, 7);
    private static final LocalDate NEXT_DUE = LocalDate.of(2027, 1, 7);

    @Test
    void aNewServiceIsPendingAndDueOnItsFirstDate() {
        Service service = newService();

        assertThat(service.status()).isEqualTo(Service.Status.PENDING);
        assertThat(service.isLive()).isFalse();
        assertThat(service.nextDueDate()).isEqualTo(FIRST_DUE);
        assertThat(service.accountId()).isNull();
        assertThat(service.cancelAt()).isNull();
        assertThat(service.suspendedForNonpayment()).isFalse();
        assertThat(service.createdAt()).isEqualTo(ORDERED);
    }

    @Test
    void attachRecordsItsAccount() {
        Service service = newService();

        service.attach(33, LATER);

        assertThat(service.accountId()).isEqualTo(33L);
        assertThat(service.status()).isEqualTo(Service.Status.PENDING);
        assertThat(service.updatedAt()).isEqualTo(LATER);
    }

    @Test
    void activateMakesItLive() {
        Service service = newService();

        service.activate(LATER);

        assertThat(service.status()).isEqualTo(Service.Status.ACTIVE);
        assertThat(service.isLive()).isTrue();
        assertThat(service.updatedAt()).isEqualTo(LATER);
    }

    @Test
    void aSuspensionForNonpaymentIsRemembered() {
        Service service = active();

        service.suspended(SuspensionCause.NON_PAYMENT, LATER);

        assertThat(service.status()).isEqualTo(Service.Status.SUSPENDED);
        assertThat(service.suspendedForNonpayment()).isTrue();
        assertThat(service.isLive()).isTrue();
    }

    @Test
    void anOperatorsSuspensionIsNotForNonpayment() {
        Service service = active();

        service.suspended(SuspensionCause.OPERATOR, LATER);

        assertThat(service.status()).isEqualTo(Service.Status.SUSPENDED);
        assertThat(service.suspendedForNonpayment()).isFalse();
    }

    @Test
    void unsuspendedMakesItActiveAndForgetsTheNonpayment() {
        Service service = active();
        service.suspended(SuspensionCause.NON_PAYMENT, LATER);

        service.unsuspended(LATER.plusSeconds(1));

        assertThat(service.status()).isEqualTo(Service.Status.ACTIVE);
        assertThat(service.suspendedForNonpayment()).isFalse();
        assertThat(service.updatedAt()).isEqualTo(LATER.plusSeconds(1));
    }

    @Test
    void terminatedRecordsWhenAndIsNoLongerLive() {
        Service service = active();
        service.suspended(SuspensionCause.NON_PAYMENT, LATER);

        service.terminated(LATER.plusSeconds(1));

        assertThat(service.status()).isEqualTo(Service.Status.TERMINATED);
        assertThat(service.terminatedAt()).isEqualTo(LATER.plusSeconds(1));
        assertThat(service.isLive()).isFalse();
    }

    @Test
    void needsAttentionTakesAPendingServiceOnly() {
        Service pending = newService();
        pending.needsAttention(LATER);
        assertThat(pending.status()).isEqualTo(Service.Status.NEEDS_ATTENTION);
        assertThat(pending.updatedAt()).isEqualTo(LATER);

        Service live = active();
        live.needsAttention(LATER.plusSeconds(1));
        assertThat(live.status()).isEqualTo(Service.Status.ACTIVE);
        assertThat(live.updatedAt()).isEqualTo(LATER);
    }

    @Test
    void anAccountAttachedLaterActivatesAServiceThatNeededAttention() {
        Service service = newService();
        service.needsAttention(LATER);

        service.attach(33, LATER);
        service.activate(LATER);

        assertThat(service.status()).isEqualTo(Service.Status.ACTIVE);
    }

    @Test
    void failedIsNotLive() {
        Service service = newService();

        service.failed(LATER);

        assertThat(service.status()).isEqualTo(Service.Status.FAILED);
        assertThat(service.isLive()).isFalse();
    }

    @Test
    void paidThroughMovesTheDueDateForward() {
        Service service = active();

        service.paidThrough(NEXT_DUE, LATER.plusSeconds(5));

        assertThat(service.nextDueDate()).isEqualTo(NEXT_DUE);
        assertThat(service.updatedAt()).isEqualTo(LATER.plusSeconds(5));
    }

    @Test
    void paidThroughNeverMovesTheDueDateBack() {
        Service service = active();
        service.paidThrough(NEXT_DUE, LATER);

        service.paidThrough(FIRST_DUE, LATER.plusSeconds(5)); // a late payment of an older period
        service.paidThrough(NEXT_DUE, LATER.plusSeconds(6)); // the same period paid twice

        assertThat(service.nextDueDate()).isEqualTo(NEXT_DUE);
        assertThat(service.updatedAt()).isEqualTo(LATER);
    }

    @Test
    void cancelAtPeriodEndTakesEffectOnTheNextDueDate() {
        Service service = active();
        service.paidThrough(NEXT_DUE, LATER);

        service.cancelAtPeriodEnd(LATER.plusSeconds(5));

        assertThat(service.cancelAt()).isEqualTo(NEXT_DUE);
        assertThat(service.status()).isEqualTo(Service.Status.ACTIVE);
        assertThat(service.isLive()).isTrue();
        assertThat(service.updatedAt()).isEqualTo(LATER.plusSeconds(5));
    }

    @ParameterizedTest
    @EnumSource(Service.Status.class)
    void onlyActiveAndSuspendedServicesAreLive(Service.Status status) {
        Service service = newService();
        switch (status) {
            case PENDING -> { }
            case ACTIVE -> service.activate(LATER);
            case SUSPENDED -> service.suspended(SuspensionCause.OPERATOR, LATER);
            case TERMINATED -> service.terminated(LATER);
            case FAILED -> service.failed(LATER);
            case NEEDS_ATTENTION -> service.needsAttention(LATER);
        }

        assertThat(service.status()).isEqualTo(status);
        assertThat(service.isLive()).isEqualTo(status == Service.Status.ACTIVE || status == Service.Status.SUSPENDED);
    }

    private static Service newService() {
        return new Service(5, 2, 9, FIRST_DUE, ORDERED);
    }

    private static Service active() {
        Service service = newService();
        service.attach(33, ORDERED);
        service.activate(LATER);
        return service;
    }
}
