package com.nextpanel.billing.fleet.entity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerHealthTest {

    @Test
    void onlineOnlyWhileTheLatestProbeSucceeded() {
        assertThat(ServerHealth.of(true, 0, 3)).isEqualTo(ServerHealth.ONLINE);
    }

    @Test
    void failingFromTheFirstFailedProbeUntilTheThreshold() {
        assertThat(ServerHealth.of(false, 1, 3)).isEqualTo(ServerHealth.FAILING);
        assertThat(ServerHealth.of(false, 2, 3)).isEqualTo(ServerHealth.FAILING);
    }

    @Test
    void offlineFromTheThresholdOn() {
        assertThat(ServerHealth.of(false, 3, 3)).isEqualTo(ServerHealth.OFFLINE);
        assertThat(ServerHealth.of(false, 40, 3)).isEqualTo(ServerHealth.OFFLINE);
        assertThat(ServerHealth.of(false, 1, 1)).isEqualTo(ServerHealth.OFFLINE);
    }

    @Test
    void aFailureOnRecordIsNeverOnline() {
        // rows written before is_online meant "the latest probe succeeded" (V9 corrects them)
        assertThat(ServerHealth.of(true, 1, 3)).isEqualTo(ServerHealth.FAILING);
    }

    @Test
    void theApiShowsItInLowerCase() {
        assertThat(ServerHealth.FAILING.json()).isEqualTo("failing");
    }
}
