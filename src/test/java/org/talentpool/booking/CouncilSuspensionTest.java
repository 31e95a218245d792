package org.talentpool.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talentpool.availability.WeeklyCapacity;
import org.talentpool.search.ExpertFixture;
import org.talentpool.search.ExpertsEndToEnd;
import org.talentpool.testing.ServiceHarness;
import org.talentpool.testing.SlackClient;

/**
 * Over signed HTTP: an admin suspends a council; both sides of its open bookings are told at once, the bookings
 * stay as they were, its specialists drop out of search and its members can no longer book. A specialist who
 * pauses or loses their manager's permission: their requesters are told, the bookings stand.
 */
class CouncilSuspensionTest extends ExpertsEndToEnd {
    private static final String HANNA = "U0HANNA1";
    private static final String ALEX = "U0ALEX01";
    private BookingSteps steps;

    @BeforeEach
    void bookings() {
        steps = new BookingSteps(service);
        fixture.specialist(JO, "leeds.gov.uk", leeds, "Senior GIS analyst", "Maps for planning.", 4, "GIS");
        hull(HANNA, 3, "GIS");
        fakeSlack().user(ExpertFixture.MANAGER, "Mo Manager", "mo.manager@leeds.gov.uk")
                .user(ALEX, "Alex Smith", "alex.smith@leeds.gov.uk");
        fixture.member(ALEX, "Alex Smith", "leeds.gov.uk", leeds);
    }

    private static int held(String specialist) {
        WeeklyCapacity capacity = new WeeklyCapacity(service.jdbi(), service.clock(), ExpertFixture.LONDON);
        return capacity.capacity(specialist, thisWeek()).orElseThrow().heldMinutes();
    }

    private static List<String> suspensionNotices(String user) {
        return dmsTo(user).stream().filter(text -> text.contains("has been suspended from the pool")).toList();
    }

    @Test
    void suspendingACouncilTellsBothSidesKeepsTheBookingsAndStopsItsPeople() {
        long accepted = steps.book(KIM, JO, thisWeek(), "2", "Flood map");
        steps.accept(JO, accepted);
        long requested = steps.book(LEE, JO, thisWeek(), "1", "Drainage");
        long elsewhere = steps.book(KIM, HANNA, thisWeek(), "1", "Coastal erosion");
        await().atMost(Duration.ofSeconds(10)).until(() -> count("SELECT COUNT(*) FROM outbox WHERE status = 'queued'")
                == 0);
        assertThat(steps.homes(JO)).isNotEmpty();

        SlackClient.Reply suspended = slack().command(ServiceHarness.ADMIN, "/pool-admin",
                "suspend leeds.gov.uk Statements unpaid");

        assertThat(suspended.text()).contains("Suspended *Leeds City Council*");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(suspensionNotices(JO)).hasSize(2);
            assertThat(suspensionNotices(KIM)).hasSize(1);
            assertThat(suspensionNotices(LEE)).hasSize(1);
        });
        assertThat(suspensionNotices(JO)).allMatch(text -> text.contains("⚠️ Your council (Leeds City Council) has been"
                + " suspended from the pool. Your booking with <@"));
        assertThat(suspensionNotices(KIM).get(0)).contains("Leeds City Council, <@" + JO + ">'s council")
                .contains("Your booking with them for 2 h in the week of").contains("is kept");
        assertThat(suspensionNotices(HANNA)).isEmpty();
        assertThat(steps.status(accepted)).isEqualTo("accepted");
        assertThat(steps.status(requested)).isEqualTo("requested");
        assertThat(steps.status(elsewhere)).isEqualTo("requested");
        assertThat(held(JO)).isEqualTo(60);

        // Leeds specialists are no longer found; Leeds members can no longer search or book.
        assertThat(experts(findExpert(KIM, "gis"))).containsExactly(HANNA);
        assertThat(slack().command(JO, "/find-expert", "gis").text()).contains("Leeds City Council")
                .contains("suspended");
        SlackClient.Reply book = slack().blockAction(JO, BookingBlocks.BOOK, HANNA + "|" + thisWeek(),
                "expert-" + HANNA, "1700000001.000300", "C0GENERAL");
        assertThat(responseTo(book).path("text").asText()).contains("suspended");
        assertThat(count("SELECT COUNT(*) FROM booking")).isEqualTo(3);

        // The Leeds specialist's App Home says so, with the bookings still there; so does every Leeds member's.
        assertThat(text(steps.homeShowing(JO, "Suspended"))).contains("Your bookings").contains("Flood map");
        assertThat(text(steps.homeShowing(ALEX, "Suspended"))).contains("Leeds City Council")
                .doesNotContain("Your bookings").doesNotContain("Find an expert");

        // A second suspension is refused and tells nobody again.
        assertThat(slack().command(ServiceHarness.ADMIN, "/pool-admin", "suspend leeds.gov.uk").text())
                .contains("Only approved councils can be suspended");
        assertThat(suspensionNotices(JO)).hasSize(2);
    }

    @Test
    void requestersAreToldWhenTheSpecialistPausesOrLosesTheirPermission() {
        long booking = steps.book(KIM, JO, thisWeek(), "1", "Flood map");

        assertThat(slack().command(JO, "/available", "pause").text()).contains("Paused");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(dmsTo(KIM))
                .anyMatch(text -> text.contains("<@" + JO + "> has paused their availability")
                        && text.contains("stays open")));
        slack().command(JO, "/available", "resume");

        assertThat(slack().command(ExpertFixture.MANAGER, "/available", "revoke <@" + JO + "|jo>").text())
                .contains("You withdrew <@" + JO + ">'s permission");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(dmsTo(KIM))
                .anyMatch(text -> text.contains("<@" + JO + "> no longer has their manager's permission")));
        assertThat(steps.status(booking)).isEqualTo("requested");
    }
}
