package com.nextpanel.billing.hosting.entity;

import com.nextpanel.billing.platform.LowerCaseEnumColumn;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Suspension causes are lower-case in the database, as in the API. */
@Converter
public class SuspensionCauseColumn extends LowerCaseEnumColumn<SuspensionCause>
            implements AttributeConverter<SuspensionCause, String> { // EclipseLink reads the column type here
    public SuspensionCauseColumn() {
        super(SuspensionCause.class);
    }
}
