package com.nextpanel.billing.hosting.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;

/** Account statuses are lower-case in the database, as in the API. */
@Converter
public class AccountStatusColumn implements AttributeConverter<AccountStatus, String> {

    @Override
    public String convertToDatabaseColumn(AccountStatus status) {
        return status == null ? null : status.label();
    }

    @Override
    public AccountStatus convertToEntityAttribute(String column) {
        return column == null ? null : AccountStatus.valueOf(column.toUpperCase(Locale.ROOT));
    }
}
