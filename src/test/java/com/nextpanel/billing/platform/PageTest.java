package com.nextpanel.billing.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PageTest {

    @Test
    void aPageWhoseOffsetWouldOverflowIsRefusedAsTheClientsMistake() {
        assertThatThrownBy(() -> Page.request(Integer.MAX_VALUE, 500))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(400))
                .hasMessageContaining("page " + Integer.MAX_VALUE);
    }

    @Test
    void theLastPageWhoseOffsetFitsIsServed() {
        int lastPage = Integer.MAX_VALUE / 500 + 1;

        assertThat(Page.request(lastPage, 500).offset()).isEqualTo((lastPage - 1) * 500).isNotNegative();
    }
}
