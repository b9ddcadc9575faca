package com.nextpanel.billing.billing.entity;

import com.nextpanel.billing.platform.LowerCaseEnumColumn;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Billing cycles are lower-case in the database, as in the API. */
@Converter
public class BillingCycleColumn extends LowerCaseEnumColumn<BillingCycle>
            implements AttributeConverter<BillingCycle, String> { // EclipseLink reads the column type here
    public BillingCycleColumn() {
        super(BillingCycle.class);
    }
}
