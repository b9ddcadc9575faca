package com.nextpanel.billing.billing.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void amountsAreKeptToTheCentAndAddUpExactly() {
        Money total = Money.of("0.10", "USD").plus(Money.of("0.20", "USD"));

        assertThat(total).isEqualTo(Money.of("0.30", "USD"));
        assertThat(total.toString()).isEqualTo("0.30 USD");
        assertThat(total.covers(Money.of("0.3", "USD"))).isTrue();
        assertThat(total.covers(Money.of("0.31", "USD"))).isFalse();
    }

    @Test
    void fractionsOfACentAndUnknownCurrenciesAreRefused() {
        assertThatThrownBy(() -> Money.of("1.005", "USD")).hasMessageContaining("cents");
        assertThatThrownBy(() -> Money.of("1.00", "XYZW")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void currenciesAreNeverMixed() {
        assertThatThrownBy(() -> Money.of("1.00", "USD").plus(Money.of("1.00", "EUR")))
                .hasMessageContaining("Cannot mix USD and EUR");
    }

    @Test
    void aCycleAfterTheEndOfAMonthEndsAtTheEndOfTheShorterMonth() {
        assertThat(BillingCycle.MONTHLY.after(LocalDate.of(2026, 1, 31))).isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(BillingCycle.QUARTERLY.after(LocalDate.of(2026, 11, 27))).isEqualTo(LocalDate.of(2027, 2, 27));
        assertThat(BillingCycle.ANNUAL.after(LocalDate.of(2028, 2, 29))).isEqualTo(LocalDate.of(2029, 2, 28));
    }
}
