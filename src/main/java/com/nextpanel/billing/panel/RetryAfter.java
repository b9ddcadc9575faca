package com.nextpanel.billing.panel;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * A 429's {@code Retry-After} header read as a wait: delay-seconds or an HTTP-date (RFC 9110),
 * capped, because the wait holds back every node's work on that panel.
 */
public final class RetryAfter {

    /** The longest a panel may hold us back; a probe or job after that simply meets a fresh 429. */
    public static final Duration LONGEST = Duration.ofHours(1);

    /** When the panel gives no usable header. */
    public static final Duration UNSPECIFIED = Duration.ofSeconds(60);

    private static final Duration SHORTEST = Duration.ofSeconds(1);

    private RetryAfter() {
    }

    /** The wait the header asks for, between 1 s and {@link #LONGEST}; {@code now} is when the answer came. */
    public static Duration of(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return UNSPECIFIED;
        }
        String value = header.trim();
        Duration asked;
        if (value.chars().allMatch(Character::isDigit)) {
            asked = value.length() > 12 ? LONGEST : Duration.ofSeconds(Long.parseLong(value));
        } else {
            try {
                asked = Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException notADate) {
                return UNSPECIFIED;
            }
        }
        if (asked.compareTo(SHORTEST) < 0) {
            return SHORTEST;
        }
        return asked.compareTo(LONGEST) > 0 ? LONGEST : asked;
    }
}
