package com.nextpanel.billing.hosting.entity;

import com.nextpanel.billing.platform.LowerCaseEnumColumn;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Account statuses are lower-case in the database, as in the API. */
@Converter
public class AccountStatusColumn extends LowerCaseEnumColumn<AccountStatus>
            implements AttributeConverter<AccountStatus, String> { // EclipseLink reads the column type here
    public AccountStatusColumn() {
        super(AccountStatus.class);
    }
}
