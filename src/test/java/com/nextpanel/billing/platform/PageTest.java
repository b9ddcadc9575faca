package com.nextpanel.billing.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PageTest {

    @Test
    void aPageWhoseOffsetWouldOverflowIsRefusedAsTheClientsMistake() {
        assertThatThrownBy(() -> Page.request(Integer.MAX_VALUE, 500))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.INVALID_INPUT))
                .hasMessageContaining("page " + Integer.MAX_VALUE);
    }

    @Test
    void theLastPageWhoseOffsetFitsIsServed() {
        int lastPage = Integer.MAX_VALUE / 500 + 1;

        assertThat(Page.request(lastPage, 500).offset()).isEqualTo((lastPage - 1) * 500).isNotNegative();
    }

    @Test
    void aRequestIsNewestFirstUnlessItAsksForAscendingOrder() {
        assertThat(Page.request(null, null).oldestFirst()).isFalse();
        assertThat(Page.request(3, 20, "DESC").oldestFirst()).isFalse();
        Page.Request oldest = Page.request(3, 20, " asc ");

        assertThat(oldest.oldestFirst()).isTrue();
        assertThat(oldest.offset()).isEqualTo(40);
    }

    @Test
    void nonsenseIsRefusedWithTheReason() {
        assertThatThrownBy(() -> Page.request(1, 50, "sideways")).isInstanceOf(Refusal.class)
                .hasMessageContaining("order must be asc or desc");
        assertThatThrownBy(() -> Page.request(0, 50)).hasMessageContaining("page must be 1 or more");
        assertThatThrownBy(() -> Page.request(1, Page.MAX_SIZE + 1)).hasMessageContaining("size must be between 1 and");
    }

    @Test
    void aListCountedInFullSaysWhetherMoreFollows() {
        assertThat(new Page<>(List.of("a", "b"), 5, 2, 2).hasMore()).isTrue();
        assertThat(new Page<>(List.of("e"), 5, 3, 2).hasMore()).isFalse();
        assertThat(new Page<>(List.of("e"), 5, 3, 2).totalExact()).isTrue();
    }

    @Test
    void searchPatternsTakeWildcardsLiterally() {
        assertThat(OptionalFilters.startingWith("jane_d%")).isEqualTo("jane\\_d%");
        assertThat(OptionalFilters.containing("a\\b")).isEqualTo("%ab%");
        assertThat(OptionalFilters.containing(null)).isNull();
    }
}
