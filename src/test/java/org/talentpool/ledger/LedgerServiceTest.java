package org.talentpool.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talentpool.persistence.AuditLog;
import org.talentpool.search.ExpertFixture;
import org.talentpool.testing.DatabaseTest;
import org.talentpool.testing.MutableClock;

/**
 * The hours-delivered state machine on H2 and PostgreSQL with the real outbox and audit log: asking (once, from the
 * Friday), reporting, confirming with the rate of the week's Monday, disputes and their settling, confirming
 * automatically after 14 days by the injected clock, missing rates and repricing, and double clicks.
 */
class LedgerServiceTest extends DatabaseTest {
    private static final String JO = "U0JO0001";
    private static final String KIM = "U0KIM001";
    private static final String ADMIN = "UADMIN01";
    private static final LocalDate WEEK = LocalDate.parse("2026-11-02");
    // Friday 6 November 2026, 15:00 in London (GMT).
    private static final Instant FRIDAY = Instant.parse("2026-11-06T15:00:00Z");

    private final MutableClock clock = new MutableClock(FRIDAY);
    private LedgerFixture fixture;
    private LedgerService ledger;
    private long leeds;
    private long york;
    private long hull;
    private ExecutorService threads;

    @BeforeEach
    void setUp() {
        clock.set(FRIDAY);
        fixture = new LedgerFixture(database.jdbi(), clock);
        fixture.clear();
        ExpertFixture councils = new ExpertFixture(database.jdbi(), clock);
        leeds = councils.council("LDS", "Leeds City Council", "leeds.gov.uk", "approved");
        york = councils.council("YOR", "City of York Council", "york.gov.uk", "approved");
        hull = councils.council("KHL", "Hull City Council", "hull.gov.uk", "approved");
        fixture.rate(leeds, LocalDate.parse("2026-10-01"), 4000);
        // A rise from Tuesday 3 November: work of the week of 2 November is charged at the Monday's rate.
        fixture.rate(leeds, LocalDate.parse("2026-11-03"), 4500);
        ledger = fixture.service();
    }

    @AfterEach
    void stopThreads() {
        if (threads != null) {
            threads.shutdownNow();
        }
    }

    private long accepted(LocalDate week, int minutes) {
        return fixture.booking(JO, KIM, leeds, york, week, minutes, "accepted");
    }

    /** An accepted booking of the week whose hours Jo has reported. */
    private long reported(String hours) {
        long booking = accepted(WEEK, 120);
        assertThat(ledger.report(booking, JO, hours, "As planned")).isInstanceOf(LedgerService.Answer.Done.class);
        return booking;
    }

    private LedgerEntry entry(long bookingId) {
        return ledger.find(bookingId).orElseThrow();
    }

    private List<AuditLog.Entry> audit(long bookingId) {
        return new AuditLog(database.jdbi(), clock).forSubject("ledger_entry", String.valueOf(bookingId));
    }

    @Test
    void theFridayJobAsksOnceAboutEachAcceptedBookingWhoseFridayHasCome() {
        long thisWeek = accepted(WEEK, 120);
        long missedEarlier = accepted(WEEK.minusWeeks(1), 60);
        long requested = fixture.booking(JO, KIM, leeds, york, WEEK, 60, "requested");
        long nextWeek = accepted(WEEK.plusWeeks(1), 60);
        long tooOld = accepted(WEEK.minusWeeks(LedgerService.REPORT_WINDOW_WEEKS), 60);

        LedgerService.AskRun run = ledger.askForHoursDelivered(FRIDAY);

        assertThat(run.asked()).isEqualTo(2);
        assertThat(run.toWeek()).isEqualTo(WEEK);
        assertThat(entry(thisWeek).status()).isEqualTo(EntryStatus.ASKED);
        assertThat(entry(thisWeek).bookedMinutes()).isEqualTo(120);
        assertThat(entry(missedEarlier).status()).isEqualTo(EntryStatus.ASKED);
        assertThat(ledger.find(requested)).isEmpty();
        assertThat(ledger.find(nextWeek)).isEmpty();
        assertThat(ledger.find(tooOld)).isEmpty();
        assertThat(fixture.outboxKeys()).containsExactly("ledger-" + missedEarlier + "-ask-" + JO,
                "ledger-" + thisWeek + "-ask-" + JO);
        assertThat(audit(thisWeek)).extracting(AuditLog.Entry::action).containsExactly("ledger.asked");
        assertThat(fixture.count("SELECT COUNT(*) FROM home_refresh WHERE user_id = '" + JO + "'")).isEqualTo(2);

        assertThat(ledger.askForHoursDelivered(FRIDAY.plus(Duration.ofHours(1))).asked()).isZero();
        assertThat(fixture.outboxKeys()).hasSize(2);
        assertThat(ledger.askForHoursDelivered(FRIDAY.minus(Duration.ofDays(1))).toWeek())
                .isEqualTo(WEEK.minusWeeks(1));
    }

    @Test
    void onlyTheSpecialistReportsFromTheFridayAndANoteExplainsOtherHours() {
        long booking = accepted(WEEK, 120);
        clock.set(FRIDAY.minus(Duration.ofDays(1)));
        assertThat(ledger.report(booking, JO, "2", null)).isEqualTo(
                new LedgerService.Answer.TooEarly(LocalDate.parse("2026-11-06")));
        clock.set(FRIDAY);

        assertThat(ledger.report(booking, KIM, "2", null)).isEqualTo(new LedgerService.Answer.NotYours(JO));
        assertThat(ledger.report(booking, JO, "lots", null)).isInstanceOfSatisfying(
                LedgerService.Answer.Invalid.class, invalid -> assertThat(invalid.errors())
                        .containsOnlyKeys(LedgerService.HOURS));
        assertThat(ledger.report(booking, JO, "1.5", " ")).isInstanceOfSatisfying(
                LedgerService.Answer.Invalid.class, invalid -> assertThat(invalid.errors().get(LedgerService.NOTE))
                        .contains("differs from the 2 h booked"));
        assertThat(ledger.report(booking, JO, "2", "x".repeat(501))).isInstanceOf(LedgerService.Answer.Invalid.class);
        assertThat(ledger.find(booking)).isEmpty();
        assertThat(fixture.outboxKeys()).isEmpty();

        // Reported on demand, without having been asked: the entry is made and reported in one go.
        LedgerService.Answer done = ledger.report(booking, JO, "1:20", "Finished early");

        assertThat(done).isInstanceOf(LedgerService.Answer.Done.class);
        LedgerEntry entry = entry(booking);
        assertThat(entry.status()).isEqualTo(EntryStatus.REPORTED);
        assertThat(entry.reportedMinutes()).isEqualTo(80);
        assertThat(entry.note()).isEqualTo("Finished early");
        assertThat(audit(booking)).extracting(AuditLog.Entry::actor, AuditLog.Entry::action)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(JO, "ledger.asked"),
                        org.assertj.core.groups.Tuple.tuple(JO, "ledger.reported"));
        assertThat(fixture.outboxKeys()).containsExactly("ledger-" + booking + "-reported-" + KIM);

        assertThat(ledger.report(booking, JO, "2", null)).isInstanceOf(LedgerService.Answer.AlreadySettled.class);
        assertThat(entry(booking).reportedMinutes()).isEqualTo(80);
        assertThat(fixture.outboxKeys()).hasSize(1);
    }

    @Test
    void aCancelledBookingHasNoHoursToReport() {
        long booking = fixture.booking(JO, KIM, leeds, york, WEEK, 120, "cancelled");

        assertThat(ledger.checkReport(booking, JO)).isEqualTo(new LedgerService.Answer.NotAccepted(booking));
        assertThat(ledger.report(booking, JO, "2", null)).isEqualTo(new LedgerService.Answer.NotAccepted(booking));
        assertThat(ledger.report(999_999, JO, "2", null)).isEqualTo(new LedgerService.Answer.NotFound());
        assertThat(ledger.find(booking)).isEmpty();
    }

    @Test
    void confirmingPricesTheHoursAtTheRateOfTheWeeksMondayOnce() {
        long booking = reported("1.5");

        assertThat(ledger.confirm(booking, JO)).isEqualTo(new LedgerService.Answer.NotYours(KIM));
        LedgerService.Answer answer = ledger.confirm(booking, KIM);

        assertThat(answer).isInstanceOf(LedgerService.Answer.Done.class);
        LedgerEntry entry = entry(booking);
        assertThat(entry.status()).isEqualTo(EntryStatus.CONFIRMED);
        assertThat(entry.confirmedMinutes()).isEqualTo(90);
        assertThat(entry.ratePence()).isEqualTo(4000);
        assertThat(entry.amountPence()).isEqualTo(6000L);
        assertThat(entry.confirmedBy()).isEqualTo(KIM);
        assertThat(entry.confirmedHow()).isEqualTo(LedgerEntry.BY_REQUESTER);

        assertThat(ledger.confirm(booking, KIM)).isInstanceOf(LedgerService.Answer.AlreadySettled.class);
        assertThat(fixture.outboxKeys()).containsExactly("ledger-" + booking + "-reported-" + KIM,
                "ledger-" + booking + "-confirmed-" + JO);
        assertThat(audit(booking)).extracting(AuditLog.Entry::action)
                .containsExactly("ledger.asked", "ledger.reported", "ledger.confirmed");
        assertThat(audit(booking).get(2).afterState()).contains("confirmed 1.5 h at £40.00/h = £60.00");
    }

    @Test
    void doubleClicksFromManyThreadsConfirmOnce() throws Exception {
        long booking = reported("2");
        threads = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<LedgerService.Answer>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Callable<LedgerService.Answer> click = () -> {
                start.await();
                return ledger.confirm(booking, KIM);
            };
            answers.add(threads.submit(click));
        }
        start.countDown();

        int done = 0;
        for (Future<LedgerService.Answer> answer : answers) {
            LedgerService.Answer result = answer.get();
            assertThat(result).isInstanceOfAny(LedgerService.Answer.Done.class,
                    LedgerService.Answer.AlreadySettled.class);
            done += result instanceof LedgerService.Answer.Done ? 1 : 0;
        }
        assertThat(done).isEqualTo(1);
        assertThat(fixture.count("SELECT COUNT(*) FROM audit_log WHERE action = 'ledger.confirmed'")).isEqualTo(1);
        assertThat(fixture.count("SELECT COUNT(*) FROM outbox WHERE dedup_key LIKE '%-confirmed-%'")).isEqualTo(1);
    }

    @Test
    void aProviderWithoutARateIsFlaggedNotPricedAtZeroThenRepriced() {
        long booking = fixture.booking("U0HULL01", KIM, hull, york, WEEK, 60, "accepted");
        ledger.report(booking, "U0HULL01", "1", null);
        ledger.confirm(booking, KIM);

        LedgerEntry entry = entry(booking);
        assertThat(entry.status()).isEqualTo(EntryStatus.CONFIRMED);
        assertThat(entry.ratePence()).isNull();
        assertThat(entry.amountPence()).isNull();
        assertThat(entry.missingRate()).isTrue();
        Statement.Row row = new Statements(database.jdbi()).forMonth(java.time.YearMonth.of(2026, 11)).rows().get(0);
        assertThat(row.unpricedBookings()).isEqualTo(1);
        assertThat(row.amountPence()).isZero();
        assertThat(StatementCsv.rates(row)).isEqualTo("none");

        assertThat(ledger.reprice(java.time.YearMonth.of(2026, 11), ADMIN))
                .isEqualTo(new LedgerService.Repriced(0, 1));
        fixture.rate(hull, WEEK, 3333);
        assertThat(ledger.reprice(java.time.YearMonth.of(2026, 11), ADMIN))
                .isEqualTo(new LedgerService.Repriced(1, 0));
        assertThat(entry(booking).amountPence()).isEqualTo(3333L);
        assertThat(ledger.reprice(java.time.YearMonth.of(2026, 11), ADMIN))
                .isEqualTo(new LedgerService.Repriced(0, 0));
        assertThat(audit(booking)).extracting(AuditLog.Entry::action).contains("ledger.priced");
    }

    @Test
    void aDisputeNeedsAReasonGoesToAdminsAndAnAdminSettlesIt() {
        long booking = reported("2");

        assertThat(ledger.checkDispute(booking, JO)).isEqualTo(new LedgerService.Answer.NotYours(KIM));
        assertThat(ledger.checkDispute(booking, KIM)).isInstanceOf(LedgerService.Answer.MayDispute.class);
        assertThat(ledger.dispute(booking, KIM, "  ")).isInstanceOf(LedgerService.Answer.Invalid.class);
        assertThat(ledger.dispute(booking, KIM, "Only one hour happened")).isInstanceOf(
                LedgerService.Answer.Done.class);
        assertThat(ledger.dispute(booking, KIM, "Again")).isInstanceOf(LedgerService.Answer.AlreadySettled.class);
        assertThat(ledger.confirm(booking, KIM)).isInstanceOf(LedgerService.Answer.AlreadySettled.class);

        assertThat(entry(booking).status()).isEqualTo(EntryStatus.DISPUTED);
        assertThat(entry(booking).disputeReason()).isEqualTo("Only one hour happened");
        assertThat(ledger.disputes()).extracting(LedgerEntry::bookingId).containsExactly(booking);
        assertThat(fixture.outboxKeys()).contains("ledger-" + booking + "-disputed-" + JO,
                "ledger-" + booking + "-disputed-" + LedgerFixture.ADMIN_CHANNEL);

        LedgerService.Answer settled = ledger.resolve(booking, ADMIN, OptionalInt.of(90), "Agreed on the phone");

        assertThat(settled).isInstanceOf(LedgerService.Answer.Done.class);
        LedgerEntry entry = entry(booking);
        assertThat(entry.status()).isEqualTo(EntryStatus.CONFIRMED);
        assertThat(entry.confirmedMinutes()).isEqualTo(90);
        assertThat(entry.reportedMinutes()).isEqualTo(120);
        assertThat(entry.amountPence()).isEqualTo(6000L);
        assertThat(entry.confirmedHow()).isEqualTo(LedgerEntry.BY_ADMIN);
        assertThat(entry.resolutionNote()).isEqualTo("Agreed on the phone");
        assertThat(ledger.disputes()).isEmpty();
        assertThat(fixture.outboxKeys()).contains("ledger-" + booking + "-resolved-" + JO,
                "ledger-" + booking + "-resolved-" + KIM);
        assertThat(ledger.resolve(booking, ADMIN, OptionalInt.empty(), null))
                .isInstanceOf(LedgerService.Answer.AlreadySettled.class);
        assertThat(audit(booking)).extracting(AuditLog.Entry::actor).endsWith(ADMIN);

        long undisputed = reported("2");
        assertThat(ledger.resolve(undisputed, ADMIN, OptionalInt.empty(), null))
                .isInstanceOf(LedgerService.Answer.AlreadySettled.class);
        assertThat(ledger.resolve(424_242, ADMIN, OptionalInt.empty(), null))
                .isEqualTo(new LedgerService.Answer.NotFound());
    }

    @Test
    void hoursLeftUnansweredForFourteenDaysAreConfirmedOnceAndBothAreTold() {
        long booking = reported("2");
        long disputed = reported("2");
        ledger.dispute(disputed, KIM, "Not true");

        assertThat(ledger.confirmUnanswered(FRIDAY.plus(Duration.ofDays(14)).minusSeconds(1))).isZero();
        assertThat(entry(booking).status()).isEqualTo(EntryStatus.REPORTED);

        clock.set(FRIDAY.plus(Duration.ofDays(14)));
        assertThat(ledger.confirmUnanswered(clock.instant())).isEqualTo(1);

        LedgerEntry entry = entry(booking);
        assertThat(entry.status()).isEqualTo(EntryStatus.CONFIRMED);
        assertThat(entry.confirmedHow()).isEqualTo(LedgerEntry.AUTOMATICALLY);
        assertThat(entry.confirmedBy()).isEqualTo(LedgerService.SYSTEM);
        assertThat(entry.amountPence()).isEqualTo(8000L);
        assertThat(entry(disputed).status()).isEqualTo(EntryStatus.DISPUTED);
        assertThat(fixture.outboxKeys()).contains("ledger-" + booking + "-auto-confirmed-" + JO,
                "ledger-" + booking + "-auto-confirmed-" + KIM);
        assertThat(ledger.confirmUnanswered(clock.instant().plus(Duration.ofDays(1)))).isZero();
        assertThat(fixture.count("SELECT COUNT(*) FROM audit_log WHERE action = 'ledger.auto_confirmed'"))
                .isEqualTo(1);
    }

    @Test
    void eachSideSeesWhatWaitsForThem() {
        long toReport = accepted(WEEK, 120);
        long earlier = accepted(WEEK.minusWeeks(1), 60);
        long toConfirm = reported("2");
        accepted(WEEK.plusWeeks(1), 60);

        assertThat(ledger.unreported(JO)).extracting(LedgerDao.AcceptedBooking::id)
                .containsExactly(earlier, toReport);
        assertThat(ledger.unreported(KIM)).isEmpty();
        assertThat(ledger.awaitingConfirmation(KIM)).extracting(LedgerEntry::bookingId).containsExactly(toConfirm);
        assertThat(ledger.awaitingConfirmation(JO)).isEmpty();

        ledger.askForHoursDelivered(FRIDAY);
        assertThat(ledger.unreported(JO)).extracting(LedgerDao.AcceptedBooking::id)
                .containsExactly(earlier, toReport);
        assertThat(ledger.awaitingReport(JO)).extracting(LedgerEntry::bookingId).containsExactly(earlier, toReport);
    }
}
