package com.nextpanel.billing.signin.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.Duration;
import java.util.Locale;

/** What a one-time link does, and how long it works. */
public enum LinkPurpose {
    VERIFY_EMAIL(Duration.ofMinutes(60)),
    /** Short: whoever holds the link takes over the account. */
    RESET_PASSWORD(Duration.ofMinutes(15));

    private final Duration validFor;

    LinkPurpose(Duration validFor) {
        this.validFor = validFor;
    }

    public Duration validFor() {
        return validFor;
    }

    /** "60 minutes", as an email says it. */
    public String validForText() {
        return validFor.toMinutes() + " minutes";
    }

    /** The database lower-cases them. */
    @Converter
    public static class Column implements AttributeConverter<LinkPurpose, String> {
        @Override
        public String convertToDatabaseColumn(LinkPurpose purpose) {
            return purpose == null ? null : purpose.name().toLowerCase(Locale.ROOT);
        }

        @Override
        public LinkPurpose convertToEntityAttribute(String column) {
            return column == null ? null : LinkPurpose.valueOf(column.toUpperCase(Locale.ROOT));
        }
    }
}
