package org.talentpool.availability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talentpool.home.HomeRefresher;
import org.talentpool.persistence.AuditLog;
import org.talentpool.schedule.ScheduledJob;
import org.talentpool.slack.Outbox;
import org.talentpool.testing.DatabaseTest;
import org.talentpool.testing.MutableClock;
import org.talentpool.testing.SlackClient;

/**
 * The Monday nudge, run directly with an injected clock on H2 and PostgreSQL: who is nudged (listed, offering
 * nothing from their usual hours, nudges on), what the nudge offers, and that a week's nudge is sent once.
 */
class HoursNudgeJobTest extends DatabaseTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAM = "U0SAM001";
    private static final String IDLE = "U0IDLE01";
    private static final String IDLE_WITH_ROW = "U0IDLE02";
    private static final String BUSY = "U0BUSY01";
    private static final String PAUSED = "U0PAUS01";
    private static final String UNAPPROVED = "U0NOPE01";
    private static final String OPTED_OUT = "U0QUIET1";
    private static final String ZERO_THIS_WEEK = "U0ZERO01";
    // Monday 30 November 2026, 09:00 in London.
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T09:00:00Z"));
    private final LocalDate thisWeek = LocalDate.parse("2026-11-30");
    private AvailabilityFixture fixture;
    private AvailabilityService availability;
    private WeeklyCapacity capacity;
    private HoursNudgeJob job;

    @BeforeEach
    void setUp() {
        fixture = new AvailabilityFixture(database.jdbi(), clock);
        fixture.clear();
        database.jdbi().useHandle(handle -> handle.execute("DELETE FROM home_refresh"));
        AuditLog audit = new AuditLog(database.jdbi(), clock);
        capacity = new WeeklyCapacity(database.jdbi(), clock, AvailabilityFixture.LONDON);
        HomeRefresher homes = new HomeRefresher(database.jdbi(), clock);
        PermissionService permissions = new PermissionService(database.jdbi(), clock, AvailabilityFixture.LONDON,
                audit, new SlackAvailabilityNotifier(new Outbox(clock)), capacity, homes, ListingListener.NONE);
        availability = new AvailabilityService(database.jdbi(), clock, AvailabilityFixture.LONDON, audit, capacity,
                permissions, homes, ListingListener.NONE);
        job = new HoursNudgeJob(database.jdbi(), AvailabilityFixture.LONDON,
                new SlackAvailabilityNotifier(new Outbox(clock)));
        long leeds = fixture.council("LDS", "Leeds City Council", "leeds.gov.uk", "approved");
        fixture.member(SAM, "leeds.gov.uk", leeds);
        for (String user : List.of(IDLE, IDLE_WITH_ROW, BUSY, PAUSED, UNAPPROVED, OPTED_OUT, ZERO_THIS_WEEK)) {
            fixture.member(user, "leeds.gov.uk", leeds);
            boolean usuallyNothing = !user.equals(BUSY) && !user.equals(ZERO_THIS_WEEK);
            fixture.specialist(user, SAM, usuallyNothing ? 0 : 240);
            if (!user.equals(UNAPPROVED)) {
                fixture.approve(user, SAM, 240);
            }
        }
        capacity.capacity(IDLE_WITH_ROW, thisWeek);
        availability.pause(PAUSED);
        availability.setNudges(OPTED_OUT, false);
        availability.setWeek(ZERO_THIS_WEEK, AvailabilityService.WeekChoice.THIS_WEEK, 0);
        database.jdbi().useHandle(handle -> handle.execute("DELETE FROM outbox"));
    }

    private static ScheduledJob.Run firedAt(String londonTime) {
        return ScheduledJob.Run.scheduled(LocalDateTime.parse(londonTime).atZone(ZoneId.of("Europe/London")).toInstant());
    }

    private List<String> nudges() {
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT dedup_key FROM outbox"
                + " WHERE dedup_key LIKE 'nudge-%' ORDER BY dedup_key").mapTo(String.class).list());
    }

    private JsonNode params(String key) throws Exception {
        String params = database.jdbi().withHandle(handle -> handle.createQuery("SELECT params FROM outbox"
                + " WHERE dedup_key = :key").bind("key", key).mapTo(String.class).one());
        return JSON.readTree(params);
    }

    @Test
    void listedSpecialistsOfferingNothingFromTheirUsualHoursAreNudgedOnceAWeek() throws Exception {
        assertThat(job.name()).isEqualTo("hours-nudge");
        assertThat(job.cron()).isEqualTo("0 0 9 ? * MON");

        String summary = job.run(firedAt("2026-11-30T09:00:00"));

        assertThat(summary).isEqualTo("week 2026-W49: 2 specialists offering no hours, 2 nudged now");
        assertThat(nudges()).containsExactly("nudge-2026-11-30-" + IDLE, "nudge-2026-11-30-" + IDLE_WITH_ROW);
        JsonNode nudge = params("nudge-2026-11-30-" + IDLE);
        assertThat(nudge.path("channel").asText()).isEqualTo(IDLE);
        assertThat(nudge.path("text").asText()).contains("You're offering no hours to other councils this week"
                + " (w/c 30 Nov)");
        JsonNode blocks = JSON.readTree(nudge.path("blocks").asText());
        assertThat(blocks.findParents("action_id").stream()
                .map(element -> element.path("action_id").asText() + " " + element.path("value").asText()))
                .containsExactly(AvailabilityBlocks.SET_HOURS + " 2026-11-30|60",
                        AvailabilityBlocks.SET_HOURS + " 2026-11-30|120",
                        AvailabilityBlocks.SET_HOURS + " 2026-11-30|240",
                        AvailabilityBlocks.NUDGES + " off");
        StringBuilder text = new StringBuilder();
        SlackClient.collectText(blocks, text);
        assertThat(text.toString()).contains("1 h this week").contains("Stop these reminders")
                .contains("/available nudges off");

        // Fired again at start-up later in the week (or by an admin): nobody is nudged twice.
        assertThat(job.run(firedAt("2026-12-02T08:00:00"))).isEqualTo("week 2026-W49: 2 specialists offering no"
                + " hours, 0 nudged now");
        assertThat(nudges()).hasSize(2);
    }

    @Test
    void turningNudgesBackOnAndANewWeekNudgeAgain() throws Exception {
        job.run(firedAt("2026-11-30T09:00:00"));
        assertThat(availability.setNudges(OPTED_OUT, true)).isEqualTo(AvailabilityService.NudgeChange.CHANGED);
        assertThat(availability.setNudges(OPTED_OUT, true)).isEqualTo(AvailabilityService.NudgeChange.ALREADY);
        assertThat(availability.setNudges("U0NOBODY", true)).isEqualTo(AvailabilityService.NudgeChange.NO_PROFILE);

        assertThat(job.run(firedAt("2026-11-30T10:00:00"))).endsWith("3 specialists offering no hours, 1 nudged now");
        clock.set(Instant.parse("2026-12-07T09:00:00Z"));
        assertThat(job.run(firedAt("2026-12-07T09:00:00"))).isEqualTo("week 2026-W50: 3 specialists offering no"
                + " hours, 3 nudged now");
        assertThat(nudges()).contains("nudge-2026-12-07-" + IDLE, "nudge-2026-12-07-" + OPTED_OUT);
    }

    @Test
    void settingSomeHoursStopsTheNudge() throws Exception {
        availability.setWeek(IDLE, AvailabilityService.WeekChoice.THIS_WEEK, 60);

        job.run(firedAt("2026-11-30T09:00:00"));

        assertThat(nudges()).containsExactly("nudge-2026-11-30-" + IDLE_WITH_ROW);
    }
}
