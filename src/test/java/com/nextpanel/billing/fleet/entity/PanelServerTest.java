package com.nextpanel.billing.fleet.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nextpanel.billing.platform.ErrorCode;
import com.nextpanel.billing.platform.Refusal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The server's own rules; which server an account goes to is decided in SQL (ServerSelector). */
class PanelServerTest {

    private static final Instant ADDED = Instant.parse("2026-12-07T10:00:00Z");
    private static final Instant LATER = ADDED.plusSeconds(60);
    private static final SealedCredentials KEYS = new SealedCredentials("sealed-key", "sealed-secret", "npk_…abcd");

    @Test
    void aNewServerStartsOnlineWithItsConnectionTestsLatency() {
        PanelServer server = server(10, List.of("ssd"));

        assertThat(server.online()).isTrue();
        assertThat(server.health(3)).isEqualTo(ServerHealth.ONLINE);
        assertThat(server.latencyMs()).isEqualTo(42);
        assertThat(server.lastCheckedAt()).isEqualTo(ADDED);
        assertThat(server.credentialsVersion()).isEqualTo(1);
        assertThat(server.availableSlots()).isEqualTo(10);
        assertThat(server.removed()).isFalse();
    }

    @Test
    void tagsAreKeptOnceEachInTheirOrder() {
        assertThat(server(10, List.of("ssd", "eu", "ssd")).tags()).containsExactly("ssd", "eu");
    }

    @Test
    void customersAreSentToThePanelUrlWhenThereIsOne() {
        PanelServer server = server(10, List.of());
        assertThat(server.customerPanelUrl()).isEqualTo("https://api.panel.test");

        server.update(details(10, List.of(), "https://panel.test"), LATER);
        assertThat(server.customerPanelUrl()).isEqualTo("https://panel.test");
        assertThat(server.baseUrl()).isEqualTo("https://api.panel.test");
    }

    @Test
    void utilizationIsAPercentageToOneDecimal() {
        assertThat(PanelServer.utilization(1, 3)).isEqualTo(33.3);
        assertThat(PanelServer.utilization(2, 3)).isEqualTo(66.7);
        assertThat(PanelServer.utilization(0, 10)).isEqualTo(0.0);
        assertThat(PanelServer.utilization(10, 10)).isEqualTo(100.0);

        PanelServer server = withAccounts(server(8, List.of()), 1);
        assertThat(server.utilization()).isEqualTo(12.5);
    }

    @Test
    void availableSlotsAreWhatCapacityLeavesAndNeverBelowZero() {
        assertThat(withAccounts(server(10, List.of()), 4).availableSlots()).isEqualTo(6);
        assertThat(withAccounts(server(10, List.of()), 12).availableSlots()).isZero();
    }

    @Test
    void capacityCanNeverDropBelowTheAccountsAlreadyPlaced() {
        PanelServer server = withAccounts(server(10, List.of()), 4);

        assertThatThrownBy(() -> server.update(details(3, List.of(), null), LATER))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.CONFLICT))
                .hasMessageContaining("Capacity 3 is below the 4 accounts");
        assertThat(server.capacity()).isEqualTo(10);

        server.update(details(4, List.of(), null), LATER);
        assertThat(server.capacity()).isEqualTo(4);
        assertThat(server.updatedAt()).isEqualTo(LATER);
    }

    @Test
    void aServerThatStillHoldsAccountsIsNotRemoved() {
        PanelServer server = withAccounts(server(10, List.of()), 1);

        assertThatThrownBy(() -> server.remove(LATER))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.CONFLICT))
                .hasMessageContaining("still holds 1 account:");
        assertThat(server.removed()).isFalse();
        assertThat(server.active()).isTrue();
    }

    @Test
    void anEmptyServerIsRemovedAndInactive() {
        PanelServer server = server(10, List.of());

        server.remove(LATER);

        assertThat(server.removed()).isTrue();
        assertThat(server.active()).isFalse();
        assertThat(server.updatedAt()).isEqualTo(LATER);
    }

    @Test
    void newCredentialsBumpTheVersionAResealDoesNot() {
        PanelServer server = server(10, List.of());

        server.replaceCredentials(new SealedCredentials("k2", "s2", "npk_…ef01"), "https://api2.panel.test", LATER);
        assertThat(server.credentialsVersion()).isEqualTo(2);
        assertThat(server.baseUrl()).isEqualTo("https://api2.panel.test");
        assertThat(server.apiKeyHint()).isEqualTo("npk_…ef01");

        server.reseal(new SealedCredentials("k2-resealed", "s2-resealed", "npk_…ef01"));
        assertThat(server.credentialsVersion()).isEqualTo(2);
        assertThat(server.sealedCredentials().apiKey()).isEqualTo("k2-resealed");
    }

    private static PanelServer server(int capacity, List<String> tags) {
        return new PanelServer(7, details(capacity, tags, null), KEYS, 42, ADDED);
    }

    private static ServerDetails details(int capacity, List<String> tags, String panelUrl) {
        return new ServerDetails("web-1", null, "https://api.panel.test", capacity, "eu", tags, true, 1000, panelUrl);
    }

    /** current_accounts is written only by the reservation SQL: the server as such a row loads. */
    private static PanelServer withAccounts(PanelServer server, int accounts) {
        try {
            var field = PanelServer.class.getDeclaredField("currentAccounts");
            field.setAccessible(true);
            field.setInt(server, accounts);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        return server;
    }
}
