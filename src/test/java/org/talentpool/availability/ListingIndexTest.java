package org.talentpool.availability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talentpool.search.ExpertFixture;
import org.talentpool.testing.DatabaseTest;
import org.talentpool.testing.ListingIndexCheck;
import org.talentpool.testing.MutableClock;

/** Search's listing index: rebuilt in chunks as at once, for a new week, and a specialist's rows kept. */
class ListingIndexTest extends DatabaseTest {
    // Wednesday 2 December 2026 in London: this week starts Monday 30 November.
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
    private ExpertFixture fixture;
    private long leeds;

    @BeforeEach
    void setUp() {
        fixture = new ExpertFixture(database.jdbi(), clock);
        fixture.clear();
        leeds = fixture.council("LDS", "Leeds City Council", "leeds.gov.uk", "approved");
        for (int i = 1; i <= 7; i++) {
            fixture.specialist("U0S" + i, "leeds.gov.uk", leeds, "Officer " + i, "Bio " + i, i,
                    i % 2 == 0 ? new String[] {"GIS", "Town planning"} : new String[] {"Python"});
        }
    }

    private List<String> rows() {
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT user_id || ' ' || week_start || ' '"
                + " || left_minutes FROM listing_week ORDER BY user_id, week_start").mapTo(String.class).list());
    }

    @Test
    void aRebuildInChunksOfTwoGivesWhatARebuildAtOnceGives() {
        database.jdbi().useHandle(handle -> handle.execute("DELETE FROM listing_week"));
        ListingIndex.Rebuilt rebuilt = new ListingIndex(database.jdbi(), clock, ExpertFixture.LONDON, 2).rebuild();

        assertThat(rebuilt.weeks()).isEqualTo(14);
        assertThat(rebuilt.words()).isEqualTo(2 * (3 * 3 + 4));
        assertThat(rows()).hasSize(14).contains("U0S3 2026-11-30 180", "U0S7 2026-12-07 420");
        ListingIndexCheck.assertCurrent(database.jdbi(), clock, ExpertFixture.LONDON);
    }

    @Test
    void aNewWeekIsRebuiltOnceBeforeItIsSearched() {
        ListingIndex index = new ListingIndex(database.jdbi(), clock, ExpertFixture.LONDON, 3);
        assertThat(index.ensureCurrent()).isTrue();
        assertThat(index.ensureCurrent()).isFalse();
        assertThat(index.builtFor()).isEqualTo(LocalDate.parse("2026-11-30"));

        clock.advance(Duration.ofDays(7));
        assertThat(index.ensureCurrent()).isTrue();
        assertThat(index.builtFor()).isEqualTo(LocalDate.parse("2026-12-07"));
        assertThat(rows()).hasSize(14).allMatch(row -> !row.contains("2026-11-30"));
    }

    @Test
    void aPausedSpecialistLeavesTheIndexAndRowsFollowHolds() {
        fixture.pause("U0S2");
        WeeklyCapacity capacity = new WeeklyCapacity(database.jdbi(), clock, ExpertFixture.LONDON);
        database.jdbi().useTransaction(handle -> capacity.hold(handle, "U0S4", LocalDate.parse("2026-11-30"), 60));

        assertThat(rows()).noneMatch(row -> row.startsWith("U0S2 ")).contains("U0S4 2026-11-30 180",
                "U0S4 2026-12-07 240");
        ListingIndexCheck.assertCurrent(database.jdbi(), clock, ExpertFixture.LONDON);
    }
}
