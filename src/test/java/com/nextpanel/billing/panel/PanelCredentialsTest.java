package com.nextpanel.billing.panel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PanelCredentialsTest {

    @Test
    void theHintShowsTheStartAndEndOfTheKeyOnly() {
        var credentials = new PanelCredentials("npk_abcdef123456yz", "nps_topsecret");

        assertThat(credentials.keyHint()).isEqualTo("npk_ab…yz");
    }

    @Test
    void shortKeysAreNotHintedAtAll() {
        assertThat(new PanelCredentials("npk_short", "nps").keyHint()).isEqualTo("****");
    }

    @Test
    void toStringNeverPrintsTheSecretNorTheWholeKey() {
        var credentials = new PanelCredentials("npk_abcdef123456yz", "nps_topsecret");

        assertThat(credentials.toString()).doesNotContain("nps_topsecret").doesNotContain("abcdef123456");
        assertThat(PanelEndpoint.unsaved("http://x", credentials, java.time.Duration.ofSeconds(1)).toString())
                .doesNotContain("nps_topsecret");
    }
}
