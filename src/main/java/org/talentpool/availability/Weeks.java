package org.talentpool.availability;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;

/**
 * Week arithmetic for the pool: a week is the ISO week, Monday to Sunday, in the pool's time zone
 * ({@code POOL_TIMEZONE}), and is named by the date of its Monday ({@code week_start}).
 */
public final class Weeks {
    private static final DateTimeFormatter DAY_MONTH = DateTimeFormatter.ofPattern("d MMM", Locale.UK);

    private Weeks() {}

    /** The Monday of the ISO week containing {@code date}. */
    public static LocalDate weekStart(LocalDate date) {
        return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** The Monday of the week an instant falls in, as seen in {@code zone}. */
    public static LocalDate weekStart(Instant instant, ZoneId zone) {
        return weekStart(instant.atZone(zone).toLocalDate());
    }

    /** Today's date in the zone. */
    public static LocalDate today(Clock clock, ZoneId zone) {
        return clock.instant().atZone(zone).toLocalDate();
    }

    /** The Monday of the current week in the zone. */
    public static LocalDate thisWeek(Clock clock, ZoneId zone) {
        return weekStart(clock.instant(), zone);
    }

    /** The Monday of the week after the current one. */
    public static LocalDate nextWeek(Clock clock, ZoneId zone) {
        return thisWeek(clock, zone).plusWeeks(1);
    }

    /** The instant a week begins: its Monday at 00:00 in the zone (GMT or BST for Europe/London). */
    public static Instant startOf(LocalDate weekStart, ZoneId zone) {
        return requireMonday(weekStart).atStartOfDay(zone).toInstant();
    }

    /** The ISO week name of a date, e.g. {@code 2026-W53} for 2026-12-28 … 2027-01-03. */
    public static String isoWeek(LocalDate date) {
        return String.format(Locale.ROOT, "%d-W%02d", date.get(IsoFields.WEEK_BASED_YEAR),
                date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** The Monday of an ISO week name such as {@code 2026-W53}; empty if malformed or the year has no such week. */
    public static Optional<LocalDate> parseIsoWeek(String text) {
        if (text == null || !text.trim().matches("\\d{4}-W\\d{2}")) {
            return Optional.empty();
        }
        String trimmed = text.trim();
        try {
            int year = Integer.parseInt(trimmed.substring(0, 4));
            int week = Integer.parseInt(trimmed.substring(6));
            LocalDate monday = LocalDate.of(year, 1, 4)
                    .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, 1)
                    .with(DayOfWeek.MONDAY)
                    .plusWeeks(week - 1L);
            return week >= 1 && monday.get(IsoFields.WEEK_BASED_YEAR) == year ? Optional.of(monday) : Optional.empty();
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** "30 Nov", for replies. */
    public static String dayMonth(LocalDate date) {
        return DAY_MONTH.format(date);
    }

    private static LocalDate requireMonday(LocalDate weekStart) {
        if (weekStart.getDayOfWeek() != DayOfWeek.MONDAY) {
            throw new IllegalArgumentException("A week starts on a Monday, not " + weekStart);
        }
        return weekStart;
    }
}
