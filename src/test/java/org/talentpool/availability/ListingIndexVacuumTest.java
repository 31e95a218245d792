package org.talentpool.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.talentpool.persistence.Database;
import org.talentpool.search.ExpertFixture;
import org.talentpool.testing.MutableClock;
import org.talentpool.testing.TestDatabase;

/**
 * A rebuild of the listing index ends by vacuuming its rows on PostgreSQL, so that search reads the index alone at
 * once (straight after a rebuild, before autovacuum, rare searches took ten times as long). PostgreSQL only: H2 has
 * no vacuum.
 */
class ListingIndexVacuumTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));

    @Test
    void aRebuildLeavesItsRowsVisibleToAll() {
        assumeTrue(TestDatabase.kinds().contains(TestDatabase.Kind.POSTGRESQL), "needs PostgreSQL's vacuum");
        try (TestDatabase test = TestDatabase.create(TestDatabase.Kind.POSTGRESQL);
             Database database = Database.open(test.url(), "", "", 2)) {
            ExpertFixture fixture = new ExpertFixture(database.jdbi(), clock);
            long leeds = fixture.council("LDS", "Leeds City Council", "leeds.gov.uk", "approved");
            for (int i = 1; i <= 20; i++) {
                fixture.specialist("U0S" + i, "leeds.gov.uk", leeds, "Officer " + i, "Bio " + i, 2, "GIS", "Python");
            }

            new ListingIndex(database.jdbi(), clock, ExpertFixture.LONDON, 5).rebuild();

            // pages PostgreSQL knows to be visible to all: what lets search answer from the index alone
            int allVisible = database.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT relallvisible FROM pg_class WHERE relname = 'listing_word'").mapTo(Integer.class).one());
            assertThat(allVisible).isPositive();
        }
    }
}
