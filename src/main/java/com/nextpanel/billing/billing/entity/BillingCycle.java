package com.nextpanel.billing.billing.entity;

import java.time.LocalDate;

/** How often a plan is billed. */
public enum BillingCycle {
    MONTHLY(1), QUARTERLY(3), SEMIANNUAL(6), ANNUAL(12);

    private final int months;

    BillingCycle(int months) {
        this.months = months;
    }

    /** The day one cycle after {@code from} (31 Jan + 1 month = 28/29 Feb, as billing systems do). */
    public LocalDate after(LocalDate from) {
        return from.plusMonths(months);
    }
}
