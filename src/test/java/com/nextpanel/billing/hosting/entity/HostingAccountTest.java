package com.nextpanel.billing.hosting.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HostingAccountTest {

    private static final Instant OPENED = Instant.parse("2026-12-07T10:00:00Z");
    private static final Instant LATER = OPENED.plusSeconds(60);
    private static final Instant LATER_STILL = OPENED.plusSeconds(120);
    private static final long SERVER = 3;
    private static final long PANEL_USER = 41;

    @Test
    void aNewAccountIsPendingWithoutAServerOrASlot() {
        HostingAccount account = newAccount();

        assertThat(account.status()).isEqualTo(AccountStatus.PENDING);
        assertThat(account.serverId()).isNull();
        assertThat(account.slotHeld()).isFalse();
        assertThat(account.username()).isEqualTo("alice");
        assertThat(account.packageId()).isEqualTo(7L);
        assertThat(account.preferredLocation()).isEqualTo("eu");
        assertThat(account.createdAt()).isEqualTo(OPENED);
        assertThat(account.updatedAt()).isEqualTo(OPENED);
    }

    @Test
    void placeOnHoldsASlotOnTheServer() {
        HostingAccount account = newAccount();

        account.placeOn(SERVER, LATER);

        assertThat(account.serverId()).isEqualTo(SERVER);
        assertThat(account.slotHeld()).isTrue();
        assertThat(account.status()).isEqualTo(AccountStatus.PENDING);
        assertThat(account.updatedAt()).isEqualTo(LATER);
    }

    @Test
    void placeOnRefusesAnAccountAlreadyOnAServer() {
        HostingAccount account = placed();

        assertThatThrownBy(() -> account.placeOn(SERVER + 1, LATER)).isInstanceOf(IllegalAccountTransition.class)
                .hasMessageContaining("cannot be placed on a server");
        assertThat(account.serverId()).isEqualTo(SERVER);
    }

    @ParameterizedTest
    @EnumSource(value = AccountStatus.class, names = "PENDING", mode = EnumSource.Mode.EXCLUDE)
    void placeOnRefusesAnAccountThatIsNotPending(AccountStatus status) {
        HostingAccount account = in(status, false);

        assertThatThrownBy(() -> account.placeOn(SERVER, LATER_STILL)).isInstanceOf(IllegalAccountTransition.class);
        assertThat(account.serverId()).isNull();
    }

    @Test
    void activateMakesAPendingAccountActiveWithItsPanelUser() {
        HostingAccount account = placed();

        account.activate(PANEL_USER, LATER_STILL);

        assertThat(account.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(account.panelUserId()).isEqualTo(PANEL_USER);
        assertThat(account.slotHeld()).isTrue();
        assertThat(account.updatedAt()).isEqualTo(LATER_STILL);
    }

    @ParameterizedTest
    @EnumSource(value = AccountStatus.class, names = "PENDING", mode = EnumSource.Mode.EXCLUDE)
    void activateRefusesAnAccountThatIsNotPending(AccountStatus status) {
        HostingAccount account = in(status, true);

        assertThatThrownBy(() -> account.activate(PANEL_USER + 1, LATER_STILL))
                .isInstanceOf(IllegalAccountTransition.class).hasMessageContaining("cannot become active");
        assertThat(account.status()).isEqualTo(status);
    }

    @Test
    void failMarksAPendingAccountFailedAndGivesBackItsSlotOnce() {
        HostingAccount account = placed();

        assertThat(account.fail("username taken", LATER_STILL)).isTrue();

        assertThat(account.status()).isEqualTo(AccountStatus.FAILED);
        assertThat(account.failureReason()).isEqualTo("username taken");
        assertThat(account.slotHeld()).isFalse();
        assertThat(account.updatedAt()).isEqualTo(LATER_STILL);
    }

    @Test
    void failWithoutASlotHasNoSlotToGiveBack() {
        HostingAccount account = newAccount();

        assertThat(account.fail("no server", LATER)).isFalse();
        assertThat(account.status()).isEqualTo(AccountStatus.FAILED);
    }

    @Test
    void failKeepsAtMostAThousandCharactersOfTheReason() {
        HostingAccount account = newAccount();

        account.fail("x".repeat(5000), LATER);

        assertThat(account.failureReason()).hasSize(1000).endsWith("x…");
    }

    @ParameterizedTest
    @EnumSource(value = AccountStatus.class, names = "PENDING", mode = EnumSource.Mode.EXCLUDE)
    void failRefusesAnAccountThatIsNotPending(AccountStatus status) {
        HostingAccount account = in(status, true);
        boolean slot = account.slotHeld();

        assertThatThrownBy(() -> account.fail("late", LATER_STILL)).isInstanceOf(IllegalAccountTransition.class)
                .hasMessageContaining("cannot be marked failed");
        assertThat(account.status()).isEqualTo(status);
        assertThat(account.slotHeld()).isEqualTo(slot);
    }

    @Test
    void suspendRecordsWhenAndWhy() {
        HostingAccount account = in(AccountStatus.ACTIVE, true);

        account.suspend(SuspensionCause.NON_PAYMENT, "Payment overdue", LATER_STILL);

        assertThat(account.status()).isEqualTo(AccountStatus.SUSPENDED);
        assertThat(account.suspendedAt()).isEqualTo(LATER_STILL);
        assertThat(account.suspensionReason()).isEqualTo("Payment overdue");
        assertThat(account.suspensionCause()).isEqualTo(SuspensionCause.NON_PAYMENT);
        assertThat(account.slotHeld()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = AccountStatus.class, names = "ACTIVE", mode = EnumSource.Mode.EXCLUDE)
    void suspendRefusesAnAccountThatIsNotActive(AccountStatus status) {
        HostingAccount account = in(status, true);

        assertThatThrownBy(account::requireSuspendable).isInstanceOf(IllegalAccountTransition.class);
        assertThatThrownBy(() -> account.suspend(SuspensionCause.OPERATOR, "abuse", LATER_STILL))
                .isInstanceOf(IllegalAccountTransition.class).hasMessageContaining("is " + status.label() + " and cannot be suspended");
        assertThat(account.status()).isEqualTo(status);
        assertThat(account.suspensionReason()).isNotEqualTo("abuse");
    }

    @Test
    void unsuspendMakesItActiveAndForgetsTheSuspension() {
        HostingAccount account = in(AccountStatus.SUSPENDED, true);

        account.unsuspend(LATER_STILL.plusSeconds(1));

        assertThat(account.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(account.suspendedAt()).isNull();
        assertThat(account.suspensionReason()).isNull();
        assertThat(account.updatedAt()).isEqualTo(LATER_STILL.plusSeconds(1));
    }

    @ParameterizedTest
    @EnumSource(value = AccountStatus.class, names = "SUSPENDED", mode = EnumSource.Mode.EXCLUDE)
    void unsuspendRefusesAnAccountThatIsNotSuspended(AccountStatus status) {
        HostingAccount account = in(status, true);

        assertThatThrownBy(account::requireUnsuspendable).isInstanceOf(IllegalAccountTransition.class);
        assertThatThrownBy(() -> account.unsuspend(LATER_STILL)).isInstanceOf(IllegalAccountTransition.class)
                .hasMessageContaining("cannot be unsuspended");
        assertThat(account.status()).isEqualTo(status);
    }

    @ParameterizedTest
    @EnumSource(value = AccountStatus.class, names = {"ACTIVE", "SUSPENDED"})
    void terminateEndsAnActiveOrSuspendedAccountAndGivesBackItsSlot(AccountStatus status) {
        HostingAccount account = in(status, true);
        account.requireTerminable();

        assertThat(account.terminate(LATER_STILL.plusSeconds(5))).isTrue();

        assertThat(account.status()).isEqualTo(AccountStatus.TERMINATED);
        assertThat(account.terminatedAt()).isEqualTo(LATER_STILL.plusSeconds(5));
        assertThat(account.slotHeld()).isFalse();
    }

    @Test
    void terminateWithoutASlotHasNoSlotToGiveBack() {
        HostingAccount account = in(AccountStatus.ACTIVE, false);

        assertThat(account.terminate(LATER_STILL)).isFalse();
        assertThat(account.status()).isEqualTo(AccountStatus.TERMINATED);
    }

    @ParameterizedTest
    @EnumSource(value = AccountStatus.class, names = {"PENDING", "TERMINATED", "FAILED"})
    void terminateRefusesAnAccountThatIsNotActiveOrSuspended(AccountStatus status) {
        HostingAccount account = in(status, true);
        boolean slot = account.slotHeld();

        assertThatThrownBy(account::requireTerminable).isInstanceOf(IllegalAccountTransition.class);
        assertThatThrownBy(() -> account.terminate(LATER_STILL)).isInstanceOf(IllegalAccountTransition.class)
                .hasMessageContaining("cannot be terminated");
        assertThat(account.status()).isEqualTo(status);
        assertThat(account.slotHeld()).isEqualTo(slot); // a slot is given back once, never twice
    }

    @Test
    void aRefusalNamesTheAccountAndItsState() {
        HostingAccount account = newAccount();

        assertThatThrownBy(() -> account.suspend(SuspensionCause.OPERATOR, "abuse", LATER))
                .hasMessageEndingWith("is pending and cannot be suspended").hasMessageStartingWith("Account ");
    }

    private static HostingAccount newAccount() {
        return new HostingAccount(new AccountHolder("alice", "alice@example.com", "Alice A", null, null, 7L), 5L, 9L,
                "eu", "ssd", OPENED);
    }

    private static HostingAccount placed() {
        HostingAccount account = newAccount();
        account.placeOn(SERVER, LATER);
        return account;
    }

    /** An account brought to {@code status} by legal transitions, on a server (holding a slot) or not. */
    private static HostingAccount in(AccountStatus status, boolean onAServer) {
        HostingAccount account = onAServer ? placed() : newAccount();
        switch (status) {
            case PENDING -> { }
            case ACTIVE -> account.activate(PANEL_USER, LATER);
            case SUSPENDED -> {
                account.activate(PANEL_USER, LATER);
                account.suspend(SuspensionCause.NON_PAYMENT, "overdue", LATER);
            }
            case TERMINATED -> {
                account.activate(PANEL_USER, LATER);
                account.terminate(LATER);
            }
            case FAILED -> account.fail("refused", LATER);
        }
        assertThat(account.status()).isEqualTo(status);
        return account;
    }
}
