package com.nextpanel.billing.automation.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;

/** Job statuses are lower-case in the database and the API ("needs_attention"). */
@Converter
public class JobStatusColumn implements AttributeConverter<Job.Status, String> {

    @Override
    public String convertToDatabaseColumn(Job.Status status) {
        return status == null ? null : status.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public Job.Status convertToEntityAttribute(String column) {
        return column == null ? null : Job.Status.valueOf(column.toUpperCase(Locale.ROOT));
    }
}
