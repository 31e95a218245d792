package org.talentpool.booking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talentpool.availability.WeeklyCapacity;
import org.talentpool.council.Council;
import org.talentpool.council.CouncilDao;
import org.talentpool.council.Member;
import org.talentpool.home.HomeRefresher;
import org.talentpool.persistence.AuditLog;
import org.talentpool.schedule.ScheduledJob;
import org.talentpool.search.ExpertFixture;
import org.talentpool.slack.Outbox;
import org.talentpool.testing.DatabaseTest;
import org.talentpool.testing.MutableClock;
import org.talentpool.testing.SlackClient;

/**
 * The booking feature's scheduled jobs, run directly with an injected clock on H2 and PostgreSQL: the Monday
 * digest (content, who gets one, once a week) and the daily unanswered-requests job (reminder, then lapse).
 */
class BookingJobsTest extends DatabaseTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JO = "U0JO0001";
    private static final String YAN = "U0YAN001";
    private static final String KIM = "U0KIM001";
    private static final String ALEX = "U0ALEX01";
    // Wednesday 2 December 2026, 10:00 in London: this week starts Monday 30 November.
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
    private final LocalDate thisWeek = LocalDate.parse("2026-11-30");
    private ExpertFixture fixture;
    private WeeklyCapacity capacity;
    private BookingService bookings;
    private long leeds;
    private long york;

    @BeforeEach
    void setUp() {
        fixture = new ExpertFixture(database.jdbi(), clock);
        fixture.clear();
        capacity = new WeeklyCapacity(database.jdbi(), clock, ExpertFixture.LONDON);
        bookings = new BookingService(database.jdbi(), clock, ExpertFixture.LONDON, new AuditLog(database.jdbi(), clock),
                capacity, new SlackBookingNotifier(new Outbox(clock), BookingTimeouts.DEFAULT, ExpertFixture.LONDON),
                BookingTimeouts.DEFAULT, new HomeRefresher(database.jdbi(), clock));
        leeds = fixture.council("LDS", "Leeds City Council", "leeds.gov.uk", "approved");
        york = fixture.council("YOR", "City of York Council", "york.gov.uk", "approved");
        fixture.specialist(JO, "leeds.gov.uk", leeds, "GIS analyst", "Maps.", 6, "GIS");
        fixture.specialist(YAN, "york.gov.uk", york, "Archaeologist", "Digs.", 4, "archaeology");
        fixture.member(KIM, "Kim", "york.gov.uk", york);
        fixture.member(ALEX, "Alex", "leeds.gov.uk", leeds);
    }

    private Member member(String userId, long councilId) {
        Council council = database.jdbi().withExtension(CouncilDao.class, dao -> dao.findById(councilId)).orElseThrow();
        return new Member(userId, userId, "example.gov.uk", council);
    }

    private Booking book(String requester, long councilId, String specialist, LocalDate week, String hours,
                         String need) {
        BookingService.RequestOutcome outcome = bookings.request(member(requester, councilId), "V-" + need,
                new BookingForm(specialist, week.toString(), hours, need, ""));
        assertThat(outcome).isInstanceOf(BookingService.RequestOutcome.Created.class);
        return ((BookingService.RequestOutcome.Created) outcome).booking();
    }

    private static ScheduledJob.Run firedAt(String londonTime) {
        return ScheduledJob.Run.scheduled(LocalDateTime.parse(londonTime).atZone(ZoneId.of("Europe/London")).toInstant());
    }

    private List<String> outbox(String prefix) {
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT dedup_key FROM outbox"
                + " WHERE dedup_key LIKE :prefix ORDER BY dedup_key").bind("prefix", prefix + "%")
                .mapTo(String.class).list());
    }

    private JsonNode params(String key) throws Exception {
        String params = database.jdbi().withHandle(handle -> handle.createQuery("SELECT params FROM outbox"
                + " WHERE dedup_key = :key").bind("key", key).mapTo(String.class).one());
        return JSON.readTree(params);
    }

    private String text(String key) throws Exception {
        JsonNode params = params(key);
        StringBuilder text = new StringBuilder(params.path("text").asText()).append('\n');
        SlackClient.collectText(JSON.readTree(params.path("blocks").asText()), text);
        return text.toString();
    }

    /** The buttons of a queued message, as "action_id value". */
    private List<String> buttons(String key) throws Exception {
        JsonNode blocks = JSON.readTree(params(key).path("blocks").asText());
        return blocks.findParents("action_id").stream()
                .map(element -> element.path("action_id").asText() + " " + element.path("value").asText()).toList();
    }

    @Test
    void theMondayDigestSendsEachPersonTheirBookingsOfTheWeekOnce() throws Exception {
        Booking confirmed = book(KIM, york, JO, thisWeek, "2", "Flood map for the Ouse");
        bookings.accept(confirmed.id(), JO, Optional.empty());
        Booking waiting = book(KIM, york, JO, thisWeek, "1", "Drainage layers <b>now</b>");
        book(KIM, york, JO, thisWeek.plusWeeks(1), "1", "Next week's survey");
        Booking joBooks = book(JO, leeds, YAN, thisWeek, "1", "Roman road under the car park");
        Booking alexCancelled = book(ALEX, leeds, YAN, thisWeek, "1", "Cancelled dig");
        bookings.cancel(alexCancelled.id(), ALEX, "Plans changed", Optional.empty());
        MondayDigestJob job = new MondayDigestJob(bookings, ExpertFixture.LONDON);

        String summary = job.run(firedAt("2026-11-30T09:00:00"));

        assertThat(summary).isEqualTo("week 2026-W49: 3 bookings of 3 people, 3 sent now");
        assertThat(outbox("digest-")).containsExactly("digest-2026-11-30-" + JO, "digest-2026-11-30-" + KIM,
                "digest-2026-11-30-" + YAN);
        assertThat(params("digest-2026-11-30-" + JO).path("channel").asText()).isEqualTo(JO);
        String jos = text("digest-2026-11-30-" + JO);
        assertThat(jos).startsWith("📅 Your bookings this week (w/c 30 Nov): 2 bookings of your time, 1 booking you"
                + " made.").contains("*Bookings of your time*").contains("*Bookings you made*")
                .contains("Flood map for the Ouse").contains("✅ confirmed").contains("⏳ waiting for your answer")
                .contains("Drainage layers &lt;b&gt;now&lt;/b&gt;").doesNotContain("<b>")
                .contains("Roman road under the car park").doesNotContain("Next week's survey")
                .doesNotContain("Cancelled dig");
        assertThat(buttons("digest-2026-11-30-" + JO)).contains(BookingBlocks.ACCEPT + " " + waiting.id(),
                BookingBlocks.DECLINE + " " + waiting.id(), BookingBlocks.CANCEL + " " + confirmed.id(),
                BookingBlocks.CANCEL + " " + joBooks.id());
        assertThat(text("digest-2026-11-30-" + KIM)).startsWith("📅 Your bookings this week (w/c 30 Nov): 2 bookings"
                + " you made.").contains("Flood map for the Ouse").doesNotContain("Next week's survey")
                .doesNotContain("Bookings of your time");
        assertThat(text("digest-2026-11-30-" + YAN)).contains("1 booking of your time")
                .contains("1 h in the week of 30 Nov");

        // A run missed and fired at start-up on Tuesday, or an admin's run, sends nobody anything twice.
        assertThat(job.run(firedAt("2026-12-01T11:20:00"))).isEqualTo("week 2026-W49: 3 bookings of 3 people,"
                + " 0 sent now");
        assertThat(outbox("digest-")).hasSize(3);
    }

    @Test
    void aWeekWithoutBookingsSendsNoDigest() throws Exception {
        book(KIM, york, JO, thisWeek.plusWeeks(1), "1", "Next week only");

        assertThat(new MondayDigestJob(bookings, ExpertFixture.LONDON).run(firedAt("2026-11-30T09:00:00")))
                .isEqualTo("week 2026-W49: 0 bookings of 0 people, 0 sent now");
        assertThat(outbox("digest-")).isEmpty();
    }

    @Test
    void theDailyJobRemindsAfterADayAndLapsesAfterThreeReleasingTheHours() throws Exception {
        Booking booking = book(KIM, york, JO, thisWeek, "2", "Flood map");
        UnansweredRequestsJob job = new UnansweredRequestsJob(bookings);
        assertThat(job.name()).isEqualTo("unanswered-requests");
        assertThat(job.cron()).isEqualTo("0 0 10 * * ?");

        assertThat(job.run(firedAt("2026-12-03T09:59:59"))).isEqualTo("reminded 0, lapsed 0 requests");
        assertThat(job.run(firedAt("2026-12-03T10:00:00"))).isEqualTo("reminded 1, lapsed 0 requests");
        assertThat(job.run(firedAt("2026-12-04T10:00:00"))).isEqualTo("reminded 0, lapsed 0 requests");
        assertThat(outbox("booking-" + booking.id() + "-reminder-")).containsExactly(
                "booking-" + booking.id() + "-reminder-" + JO);
        assertThat(capacity.capacity(JO, thisWeek).orElseThrow().heldMinutes()).isEqualTo(120);

        assertThat(job.run(firedAt("2026-12-05T10:00:00"))).isEqualTo("reminded 0, lapsed 1 request");
        assertThat(job.run(firedAt("2026-12-05T10:00:00"))).isEqualTo("reminded 0, lapsed 0 requests");
        assertThat(bookings.find(booking.id()).orElseThrow().status()).isEqualTo(BookingStatus.EXPIRED);
        assertThat(capacity.capacity(JO, thisWeek).orElseThrow().heldMinutes()).isZero();
        assertThat(text("booking-" + booking.id() + "-expired-" + KIM)).contains("didn't answer your request for 2 h"
                + " in the week of 30 Nov within 3 days, so it has lapsed and the hours are released");
    }
}
