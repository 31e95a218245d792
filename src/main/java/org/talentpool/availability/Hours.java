package org.talentpool.availability;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Hours a week as people type them ("4", "4.5", "4h") and as the pool stores them: whole minutes,
 * 0 to 37.5 hours in half-hour steps.
 */
public final class Hours {
    public static final int MAX_MINUTES = 2250;
    public static final int STEP_MINUTES = 30;

    private Hours() {}

    /** The outcome of reading an amount of hours: minutes, or why the text is not acceptable. */
    public sealed interface Parsed {
        record Minutes(int minutes) implements Parsed {}

        record Invalid(String reason) implements Parsed {}
    }

    /** Reads hours a week: a number with optional "h"/"hours", 0–37.5 in half-hour steps. */
    public static Parsed parse(String text) {
        String cleaned = text == null ? "" : text.trim().toLowerCase(Locale.ROOT)
                .replaceFirst("\\s*(h|hr|hrs|hour|hours)$", "");
        if (!cleaned.matches("\\d{1,4}(\\.\\d{1,4})?|\\.\\d{1,4}")) {
            return new Parsed.Invalid("Give the hours a week as a number, e.g. 4 or 4.5.");
        }
        BigDecimal minutes = new BigDecimal(cleaned).multiply(BigDecimal.valueOf(60));
        if (minutes.compareTo(BigDecimal.valueOf(MAX_MINUTES)) > 0) {
            return new Parsed.Invalid("You can offer at most 37.5 hours a week.");
        }
        if (minutes.stripTrailingZeros().scale() > 0 || minutes.intValueExact() % STEP_MINUTES != 0) {
            return new Parsed.Invalid("Hours go in half-hour steps, e.g. 4 or 4.5.");
        }
        return new Parsed.Minutes(minutes.intValueExact());
    }

    /** Minutes as people read them: "4 h", "4.5 h", "0 h", "1 h 20 min". */
    public static String format(int minutes) {
        int hours = minutes / 60;
        int rest = minutes % 60;
        if (rest == 0) {
            return hours + " h";
        }
        if (rest == 30) {
            return hours + ".5 h";
        }
        return hours == 0 ? rest + " min" : hours + " h " + rest + " min";
    }
}
