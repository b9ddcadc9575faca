package com.nextpanel.billing.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenIdentityStoreTest {

    @Test
    void aBootstrapAdminTokenShorterThan32CharactersStopsTheStart() {
        var store = new TokenIdentityStore();
        store.adminToken = Optional.of("npb_short_admin_token_123456789"); // 31

        assertThatThrownBy(store::init).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("BILLING_ADMIN_TOKEN").hasMessageContaining("at least 32")
                .hasMessageNotContaining("npb_short_admin_token");
    }

    @Test
    void aLongEnoughOrNoBootstrapTokenStarts() {
        var store = new TokenIdentityStore();
        store.adminToken = Optional.of("npb_long_enough_admin_token_1234"); // 32
        store.init();

        var without = new TokenIdentityStore();
        without.adminToken = Optional.empty();
        without.init();

        assertThat(store).isNotNull();
    }
}
