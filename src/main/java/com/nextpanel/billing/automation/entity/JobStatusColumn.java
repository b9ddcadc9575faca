package com.nextpanel.billing.automation.entity;

import com.nextpanel.billing.platform.LowerCaseEnumColumn;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Job statuses are lower-case in the database and the API ("needs_attention"). */
@Converter
public class JobStatusColumn extends LowerCaseEnumColumn<Job.Status>
            implements AttributeConverter<Job.Status, String> { // EclipseLink reads the column type here
    public JobStatusColumn() {
        super(Job.Status.class);
    }
}
