package org.talentpool.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.talentpool.availability.ListingIndex;
import org.talentpool.availability.Weeks;

/**
 * Checks that search's listing index is what a rebuild from the tables it is derived from would give: that every
 * change made through the service refreshed it in its transaction. Run after every end-to-end test. Skipped when
 * the test moved the clock into a week the rows were not written for (search rebuilds them then).
 */
public final class ListingIndexCheck {
    private ListingIndexCheck() {}

    public static void assertCurrent(Jdbi jdbi, Clock clock, ZoneId zone) {
        LocalDate thisWeek = Weeks.thisWeek(clock, zone);
        jdbi.useHandle(handle -> {
            boolean otherWeeks = handle.createQuery("SELECT COUNT(*) FROM listing_week"
                            + " WHERE week_start NOT IN (:thisWeek, :nextWeek)")
                    .bind("thisWeek", thisWeek).bind("nextWeek", thisWeek.plusWeeks(1)).mapTo(Integer.class).one() > 0;
            if (otherWeeks) {
                return;
            }
            handle.begin();
            try {
                List<String> weeks = weeks(handle);
                List<String> words = words(handle);
                new ListingIndex(jdbi, clock, zone).rebuild(handle);
                assertThat(weeks).as("listing_week as kept, against a rebuild (user, week, council, expiry, minutes"
                        + " left, last booked, words, word bits)").containsExactlyElementsOf(weeks(handle));
                assertThat(words).as("listing_word as kept, against a rebuild").containsExactlyElementsOf(words(handle));
            } finally {
                handle.rollback();
            }
        });
    }

    private static List<String> weeks(Handle handle) {
        return handle.createQuery("SELECT user_id, week_start, council_id, expires_on, left_minutes, last_booked_at,"
                        + " words, word_bits FROM listing_week ORDER BY user_id, week_start")
                .map((rs, ctx) -> String.join(" ", rs.getString("user_id"), rs.getString("week_start"),
                        rs.getString("council_id"), rs.getString("expires_on"), rs.getString("left_minutes"),
                        rs.getObject("last_booked_at", OffsetDateTime.class).toInstant().toString(),
                        sorted(rs.getString("words")), rs.getString("word_bits")))
                .list();
    }

    private static List<String> words(Handle handle) {
        return handle.createQuery("SELECT word, week_start, user_id, left_minutes, words, word_bits FROM listing_word"
                        + " ORDER BY user_id, week_start, word")
                .map((rs, ctx) -> String.join(" ", rs.getString("word"), rs.getString("week_start"),
                        rs.getString("user_id"), rs.getString("left_minutes"), sorted(rs.getString("words")),
                        rs.getString("word_bits")))
                .list();
    }

    /** A words column in a fixed order (the database aggregates them in any order). */
    private static String sorted(String words) {
        return "[" + String.join(" ", java.util.Arrays.stream(words.strip().split(" ")).sorted().toList()) + "]";
    }
}
