package org.talentpool.booking;

import java.time.Duration;

/**
 * How long a request may stay unanswered: the specialist is reminded once after {@code remindAfter}, and the
 * request lapses (its hours are released) after {@code expireAfter}.
 */
public record BookingTimeouts(Duration remindAfter, Duration expireAfter) {
    public static final BookingTimeouts DEFAULT = new BookingTimeouts(Duration.ofHours(24), Duration.ofHours(72));

    public BookingTimeouts {
        if (remindAfter.isNegative() || remindAfter.isZero() || expireAfter.compareTo(remindAfter) <= 0) {
            throw new IllegalArgumentException("Need 0 < remindAfter < expireAfter, got " + remindAfter + " and "
                    + expireAfter);
        }
    }
}
