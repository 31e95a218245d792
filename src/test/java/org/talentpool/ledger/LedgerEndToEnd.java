package org.talentpool.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.talentpool.availability.Weeks;
import org.talentpool.booking.BookingBlocks;
import org.talentpool.booking.BookingForm;
import org.talentpool.search.ExpertsEndToEnd;
import org.talentpool.testing.FakeSlack;
import org.talentpool.testing.ServiceHarness;
import org.talentpool.testing.SlackClient;

/**
 * Steps of the ledger's end-to-end tests, all over signed HTTP: booking and accepting through the booking feature's
 * buttons and modal, running jobs with {@code /pool-admin run-job}, reporting, confirming and disputing with the
 * ledger's buttons and forms, and fetching statements as the files the bot uploads. The clock starts on the first
 * Monday of the month after next, 10:00 in London (Bolt refuses request timestamps in the past, so tests move the
 * clock only forward of real time); Leeds (Jo's council) charges £40.00 an hour from the 1st of that month.
 */
abstract class LedgerEndToEnd extends ExpertsEndToEnd {
    static final String ADMIN = ServiceHarness.ADMIN;
    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final YearMonth MONTH = YearMonth.now(LONDON).plusMonths(2);
    /** The first Monday of {@link #MONTH}: the week the tests book. */
    static final LocalDate WEEK = MONTH.atDay(1).with(TemporalAdjusters.firstInMonth(DayOfWeek.MONDAY));
    static final Instant MONDAY = WEEK.atTime(10, 0).atZone(LONDON).toInstant();
    static final Instant FRIDAY = WEEK.plusDays(4).atTime(15, 0).atZone(LONDON).toInstant();
    /** "the week of 2 Nov" for {@link #WEEK}. */
    static final String THE_WEEK = "the week of " + Weeks.dayMonth(WEEK);
    private static final AtomicInteger VIEWS = new AtomicInteger();

    @BeforeEach
    void mondayAndARate() {
        service.clock().set(MONDAY);
        fixture.specialist(JO, "leeds.gov.uk", leeds, "Senior GIS analyst", "Maps for planning.", 6, "GIS");
        assertThat(admin("rate leeds.gov.uk £40 from " + MONTH.atDay(1)).text()).contains("£40.00");
    }

    static SlackClient.Reply admin(String text) {
        return slack().command(ADMIN, "/pool-admin", text);
    }

    /** {@code requester} books {@code hours} of {@code specialist}'s time this week with the Book button and modal. */
    static long book(String requester, String specialist, String hours) {
        return book(requester, specialist, hours, thisWeek());
    }

    /** As {@link #book(String, String, String)}, for this week or next. */
    static long book(String requester, String specialist, String hours, LocalDate week) {
        SlackClient.Reply click = slack().blockAction(requester, BookingBlocks.BOOK, specialist + "|" + week,
                "expert-" + specialist, "1700000001.000300", "C0GENERAL");
        assertThat(click.status()).isEqualTo(200);
        String viewId = "VBOOK" + VIEWS.incrementAndGet();
        SlackClient.Reply submitted = slack().viewSubmission(requester, "booking-request", viewId, specialist,
                SlackClient.values()
                        .select(BookingForm.WEEK, BookingForm.WEEK, week.toString())
                        .text(BookingForm.HOURS, BookingForm.HOURS, hours)
                        .text(BookingForm.NEED, BookingForm.NEED, "Flood maps for the Ouse")
                        .build());
        assertThat(submitted.json().path("response_action").asText()).isEqualTo("update");
        return service.jdbi().withHandle(handle -> handle.createQuery("SELECT id FROM booking WHERE request_key = :key")
                .bind("key", viewId).mapTo(Long.class).one());
    }

    static void accept(String specialist, long bookingId) {
        slack().blockAction(specialist, BookingBlocks.ACCEPT, String.valueOf(bookingId), "booking-" + bookingId,
                "1700000002.000100", FakeSlack.dmChannel(specialist));
        assertThat(bookingStatus(bookingId)).isEqualTo("accepted");
    }

    static String bookingStatus(long bookingId) {
        return service.jdbi().withHandle(handle -> handle.createQuery("SELECT status FROM booking WHERE id = :id")
                .bind("id", bookingId).mapTo(String.class).one());
    }

    static String entryStatus(long bookingId) {
        return service.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT status FROM ledger_entry WHERE booking_id = :id")
                .bind("id", bookingId).mapTo(String.class).findOne().orElse("none"));
    }

    /** Runs a job as an admin would, and waits until its run has succeeded. */
    static void runJob(String name) {
        int before = count("SELECT COUNT(*) FROM job_run WHERE job_name = '" + name + "' AND outcome = 'succeeded'");
        assertThat(admin("run-job " + name).text()).contains("Running `" + name + "` now");
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT COUNT(*) FROM job_run WHERE job_name = '"
                + name + "' AND outcome = 'succeeded'") > before);
    }

    /** The DMs to a user whose text contains {@code words}, waiting until there are {@code expected} of them. */
    static List<FakeSlack.Call> awaitDms(String user, String words, int expected) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(dmsContaining(user, words))
                .hasSize(expected));
        return dmsContaining(user, words);
    }

    static List<FakeSlack.Call> dmsContaining(String user, String words) {
        return fakeSlack().messagesTo(user).stream().filter(call -> call.allText().contains(words)).toList();
    }

    /** Clicks a ledger button on a DM. */
    static SlackClient.Reply click(String user, String actionId, long bookingId) {
        return slack().blockAction(user, actionId, String.valueOf(bookingId), "ledger-" + bookingId,
                "1700000003.000100", FakeSlack.dmChannel(user));
    }

    /** Clicks Report hours and returns the form Slack was asked to open. */
    static JsonNode openReportForm(String specialist, long bookingId) {
        int before = fakeSlack().calls("views.open").size();
        click(specialist, LedgerBlocks.REPORT, bookingId);
        List<FakeSlack.Call> opened = fakeSlack().calls("views.open");
        assertThat(opened).hasSize(before + 1);
        return opened.get(before).json("view");
    }

    static SlackClient.Reply submitReport(String specialist, long bookingId, String hours, String note) {
        SlackClient.ViewValues values = SlackClient.values().text(LedgerService.HOURS, LedgerService.HOURS, hours);
        if (note != null) {
            values.text(LedgerService.NOTE, LedgerService.NOTE, note);
        }
        return slack().viewSubmission(specialist, LedgerModal.REPORT, "VREPORT" + VIEWS.incrementAndGet(),
                String.valueOf(bookingId), values.build());
    }

    /** The specialist reports the hours with the form; the requester is then asked to confirm. */
    static void report(String specialist, long bookingId, String hours, String note) {
        openReportForm(specialist, bookingId);
        assertThat(submitReport(specialist, bookingId, hours, note).json().path("response_action").asText())
                .isEqualTo("update");
        assertThat(entryStatus(bookingId)).isEqualTo("reported");
    }

    /** An admin's statement for the month, as the CSV file the bot uploaded to their DM, and its comment. */
    static FakeSlack.SharedFile adminStatement(String month) {
        return statement(ADMIN, "/pool-admin", month);
    }

    static FakeSlack.SharedFile statement(String user, String command, String month) {
        int before = fakeSlack().filesIn(user).size();
        SlackClient.Reply reply = slack().command(user, command, "statement " + month);
        assertThat(reply.text()).contains("Preparing the statement");
        await().atMost(Duration.ofSeconds(15)).until(() -> fakeSlack().filesIn(user).size() > before);
        return fakeSlack().filesIn(user).get(before);
    }

    static List<CSVRecord> rows(FakeSlack.SharedFile file) throws Exception {
        return StatementCsvTest.parse(file.text());
    }
}
