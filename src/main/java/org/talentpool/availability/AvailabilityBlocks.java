package org.talentpool.availability;

import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.block.element.BlockElements.staticSelect;

import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.element.ButtonElement;
import com.slack.api.model.block.element.StaticSelectElement;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The controls that change a specialist's hours and their Monday nudge, shared by the nudge message and the App
 * Home (their action IDs are what {@link AvailabilityFeature} listens for). A set-hours value is
 * {@code <week's Monday>|<minutes>}, e.g. {@code 2026-11-30|120}: "offer 2 h in the week of 30 Nov only".
 */
public final class AvailabilityBlocks {
    /** A button or select choice that sets one week's hours, as {@code /available 2 this week} does. */
    public static final String SET_HOURS = "availability-set-hours";
    /** A button that turns the Monday nudge on ({@code on}) or off ({@code off}). */
    public static final String NUDGES = "availability-nudges";
    /** What the nudge offers, in minutes. */
    static final List<Integer> NUDGE_MINUTES = List.of(60, 120, 240);
    /** What the App Home's select offers, in minutes (those below the week's held and booked are left out). */
    static final List<Integer> HOME_MINUTES = List.of(0, 60, 120, 180, 240, 300, 360, 450, 600);

    private AvailabilityBlocks() {}

    /** One week's hours, from a button or select value. */
    public record SetHours(LocalDate weekStart, int minutes) {
        String value() {
            return weekStart + "|" + minutes;
        }

        /** The value of a set-hours control, if well formed (a Monday, minutes in half-hour steps up to 37.5 h). */
        public static Optional<SetHours> parse(String value) {
            if (value == null) {
                return Optional.empty();
            }
            String[] parts = value.split("\\|");
            if (parts.length != 2) {
                return Optional.empty();
            }
            try {
                LocalDate week = LocalDate.parse(parts[0]);
                int minutes = Integer.parseInt(parts[1]);
                if (!Weeks.weekStart(week).equals(week) || minutes < 0 || minutes > Hours.MAX_MINUTES
                        || minutes % Hours.STEP_MINUTES != 0) {
                    return Optional.empty();
                }
                return Optional.of(new SetHours(week, minutes));
            } catch (DateTimeParseException | NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    static ButtonElement setHoursButton(LocalDate weekStart, int minutes, String label) {
        String value = new SetHours(weekStart, minutes).value();
        return button(b -> b.actionId(SET_HOURS).value(value).text(plainText(label)));
    }

    static ButtonElement nudgesButton(boolean on, String label) {
        return button(b -> b.actionId(NUDGES).value(on ? "on" : "off").text(plainText(label)));
    }

    /**
     * The App Home's "Change hours" select for a week: choices no lower than what is held and booked there; empty
     * when none is (Slack refuses a select without options).
     */
    static Optional<StaticSelectElement> hoursSelect(WeekCapacity week) {
        List<OptionObject> options = HOME_MINUTES.stream()
                .filter(minutes -> minutes >= week.committedMinutes())
                .map(minutes -> option(plainText("Offer " + Hours.format(minutes)),
                        new SetHours(week.weekStart(), minutes).value()))
                .toList();
        if (options.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(staticSelect(s -> s.actionId(SET_HOURS).placeholder(plainText("Change hours"))
                .options(options)));
    }
}
