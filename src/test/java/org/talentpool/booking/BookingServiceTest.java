package org.talentpool.booking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talentpool.availability.WeekCapacity;
import org.talentpool.availability.WeeklyCapacity;
import org.talentpool.council.Council;
import org.talentpool.council.CouncilDao;
import org.talentpool.council.Member;
import org.talentpool.home.HomeRefresher;
import org.talentpool.persistence.AuditLog;
import org.talentpool.search.ExpertFixture;
import org.talentpool.slack.Outbox;
import org.talentpool.testing.DatabaseTest;
import org.talentpool.testing.MutableClock;
import org.talentpool.testing.SlackClient;

/**
 * Requests, the state machine (accept, decline, cancel, expire), reminders, the council-suspension and unlisting
 * notices and the reads other features need, on H2 and PostgreSQL, with the real outbox.
 */
class BookingServiceTest extends DatabaseTest {
    private static final String JO = "U0JO0001";
    private static final String KIM = "U0KIM001";
    private static final String ALEX = "U0ALEX01";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Optional<BookingNotifier.MessageRef> JO_DM =
            Optional.of(new BookingNotifier.MessageRef("D0JO0001", "1700000001.000100"));
    // Wednesday 2 December 2026, 10:00 in London: this week starts Monday 30 November.
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
    private final LocalDate thisWeek = LocalDate.parse("2026-11-30");
    private final LocalDate nextWeek = LocalDate.parse("2026-12-07");
    private ExpertFixture fixture;
    private WeeklyCapacity capacity;
    private BookingService bookings;
    private AuditLog audit;
    private Member kim;
    private Member alex;
    private long leeds;
    private long york;
    private ExecutorService threads;

    @BeforeEach
    void setUp() {
        fixture = new ExpertFixture(database.jdbi(), clock);
        fixture.clear();
        capacity = new WeeklyCapacity(database.jdbi(), clock, ExpertFixture.LONDON);
        audit = new AuditLog(database.jdbi(), clock);
        bookings = service(BookingTimeouts.DEFAULT);
        leeds = fixture.council("LDS", "Leeds City Council", "leeds.gov.uk", "approved");
        york = fixture.council("YOR", "City of York Council", "york.gov.uk", "approved");
        fixture.specialist(JO, "leeds.gov.uk", leeds, "GIS analyst", "Maps.", 4, "GIS");
        fixture.member(KIM, "Kim", "york.gov.uk", york);
        fixture.member(ALEX, "Alex", "leeds.gov.uk", leeds);
        kim = member(KIM, york);
        alex = member(ALEX, leeds);
    }

    @AfterEach
    void stopThreads() {
        if (threads != null) {
            threads.shutdownNow();
        }
    }

    private BookingService service(BookingTimeouts timeouts) {
        return new BookingService(database.jdbi(), clock, ExpertFixture.LONDON, audit, capacity,
                new SlackBookingNotifier(new Outbox(clock), timeouts, ExpertFixture.LONDON), timeouts,
                new HomeRefresher(database.jdbi(), clock));
    }

    private Member member(String userId, long councilId) {
        Council council = database.jdbi().withExtension(CouncilDao.class, dao -> dao.findById(councilId)).orElseThrow();
        return new Member(userId, userId, "example.gov.uk", council);
    }

    private static BookingForm form(LocalDate week, String hours) {
        return new BookingForm(JO, week.toString(), hours, "Help with a flood map <!channel>", " PO-123 ");
    }

    private BookingService.RequestOutcome request(String key, String hours) {
        return bookings.request(kim, key, form(thisWeek, hours));
    }

    private Booking booked(String key, String hours) {
        BookingService.RequestOutcome outcome = request(key, hours);
        assertThat(outcome).isInstanceOf(BookingService.RequestOutcome.Created.class);
        return ((BookingService.RequestOutcome.Created) outcome).booking();
    }

    private WeekCapacity week(LocalDate weekStart) {
        return capacity.capacity(JO, weekStart).orElseThrow();
    }

    private List<String> outbox() {
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT dedup_key FROM outbox ORDER BY id")
                .mapTo(String.class).list());
    }

    /** Every piece of text of a queued message (its text, channel and blocks), one a line. */
    private String outboxText(String key) {
        String params = database.jdbi().withHandle(handle -> handle.createQuery("SELECT params FROM outbox"
                + " WHERE dedup_key = :key").bind("key", key).mapTo(String.class).one());
        StringBuilder text = new StringBuilder();
        try {
            JSON.readTree(params).fields().forEachRemaining(field -> {
                String value = field.getValue().asText();
                try {
                    com.fasterxml.jackson.databind.JsonNode json = JSON.readTree(value);
                    if (json != null && json.isContainerNode()) {
                        SlackClient.collectText(json, text);
                        return;
                    }
                } catch (java.io.IOException notJson) {
                    // a plain text parameter
                }
                text.append(value).append('\n');
            });
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return text.toString();
    }

    private List<String> auditActions(long bookingId) {
        return audit.forSubject("booking", String.valueOf(bookingId)).stream().map(AuditLog.Entry::action).toList();
    }

    private int count(String sql) {
        return database.jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(Integer.class).one());
    }

    @Test
    void aRequestHoldsTheHoursAndTellsBothSides() {
        Booking booking = booked("V1", "2.5");

        assertThat(booking.status()).isEqualTo(BookingStatus.REQUESTED);
        assertThat(booking.specialistId()).isEqualTo(JO);
        assertThat(booking.requesterId()).isEqualTo(KIM);
        assertThat(booking.specialistCouncilId()).isEqualTo(leeds);
        assertThat(booking.requesterCouncilName()).isEqualTo("City of York Council");
        assertThat(booking.weekStart()).isEqualTo(thisWeek);
        assertThat(booking.minutes()).isEqualTo(150);
        assertThat(booking.need()).isEqualTo("Help with a flood map <!channel>");
        assertThat(booking.costCode()).isEqualTo("PO-123");
        assertThat(week(thisWeek).heldMinutes()).isEqualTo(150);
        assertThat(week(thisWeek).leftMinutes()).isEqualTo(90);
        String id = String.valueOf(booking.id());
        assertThat(outbox()).containsExactly("booking-" + id + "-requested-" + JO, "booking-" + id + "-requested-" + KIM);
        String toJo = outboxText("booking-" + id + "-requested-" + JO);
        assertThat(toJo).contains("would like to book 2.5 h of your time in the week of 30 Nov")
                .contains("Help with a flood map &lt;!channel&gt;").doesNotContain("<!channel>")
                .contains(BookingBlocks.ACCEPT).contains(BookingBlocks.DECLINE);
        assertThat(outboxText("booking-" + id + "-requested-" + KIM)).contains("I've asked <@" + JO + ">")
                .contains(BookingBlocks.CANCEL);
        assertThat(auditActions(booking.id())).containsExactly("booking.requested");
    }

    @Test
    void everyChangeAsksForBothSidesAppHomesToBePublishedAgain() {
        Booking booking = booked("V1", "1");
        assertThat(homeRefreshes(JO)).isEqualTo(1);
        assertThat(homeRefreshes(KIM)).isEqualTo(1);

        bookings.accept(booking.id(), JO, Optional.empty());
        bookings.accept(booking.id(), JO, Optional.empty());
        assertThat(homeRefreshes(JO)).isEqualTo(2);
        assertThat(homeRefreshes(KIM)).isEqualTo(2);

        bookings.cancel(booking.id(), KIM, "Plans changed", Optional.empty());
        bookings.tellCouncilSuspended(leeds, clock.instant());
        assertThat(homeRefreshes(JO)).isEqualTo(3);
        assertThat(homeRefreshes(KIM)).isEqualTo(3);
        assertThat(homeRefreshes(ALEX)).isZero();

        Booking open = booked("V2", "1");
        bookings.tellCouncilSuspended(leeds, clock.instant());
        assertThat(homeRefreshes(KIM)).isEqualTo(5);
        assertThat(bookings.processUnanswered(open.createdAt().toInstant().plus(Duration.ofHours(72))).expired())
                .isOne();
        assertThat(homeRefreshes(JO)).isEqualTo(6);
        assertThat(homeRefreshes(KIM)).isEqualTo(6);
    }

    private int homeRefreshes(String userId) {
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM home_refresh"
                + " WHERE user_id = :userId").bind("userId", userId).mapTo(Integer.class).one());
    }

    @Test
    void theSameSubmissionTwiceBooksOnce() {
        Booking first = booked("V1", "2");
        BookingService.RequestOutcome again = request("V1", "2");

        assertThat(again).isEqualTo(new BookingService.RequestOutcome.AlreadyRequested(first));
        assertThat(week(thisWeek).heldMinutes()).isEqualTo(120);
        assertThat(count("SELECT COUNT(*) FROM booking")).isEqualTo(1);
        assertThat(outbox()).hasSize(2);
    }

    @Test
    void simultaneousDuplicatesOfOneSubmissionBookOnce() throws Exception {
        List<BookingService.RequestOutcome> outcomes = race(12, attempt -> request("V-SAME", "1"));

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).isInstanceOfAny(
                BookingService.RequestOutcome.Created.class, BookingService.RequestOutcome.AlreadyRequested.class));
        assertThat(outcomes).filteredOn(BookingService.RequestOutcome.Created.class::isInstance).hasSize(1);
        assertThat(count("SELECT COUNT(*) FROM booking")).isEqualTo(1);
        assertThat(week(thisWeek).heldMinutes()).isEqualTo(60);
        assertThat(outbox()).hasSize(2);
    }

    @Test
    void manySimultaneousRequestsForTheLastHoursNeverOverbook() throws Exception {
        week(thisWeek);
        List<BookingService.RequestOutcome> outcomes = race(40, attempt -> request("V" + attempt, "1"));

        assertThat(outcomes).filteredOn(BookingService.RequestOutcome.Created.class::isInstance).hasSize(4);
        assertThat(outcomes).filteredOn(BookingService.RequestOutcome.HoursGone.class::isInstance).hasSize(36)
                .allSatisfy(outcome -> assertThat(((BookingService.RequestOutcome.HoursGone) outcome).leftMinutes())
                        .isZero());
        assertThat(week(thisWeek).heldMinutes()).isEqualTo(240);
        assertThat(count("SELECT COUNT(*) FROM booking")).isEqualTo(4);
        assertThat(outbox()).hasSize(8).doesNotHaveDuplicates();
    }

    @Test
    void simultaneousFirstRequestsForAWeekNobodyAskedAboutYetNeverOverbook() throws Exception {
        int weekRows = count("SELECT COUNT(*) FROM specialist_week WHERE week_start = '2026-12-07'");
        assertThat(weekRows).isZero();

        List<BookingService.RequestOutcome> outcomes = race(30, attempt -> bookings.request(kim, "V" + attempt,
                form(nextWeek, "1.5")));

        assertThat(outcomes).filteredOn(BookingService.RequestOutcome.Created.class::isInstance).hasSize(2);
        assertThat(outcomes).filteredOn(BookingService.RequestOutcome.HoursGone.class::isInstance).hasSize(28);
        assertThat(week(nextWeek).heldMinutes()).isEqualTo(180);
        assertThat(week(nextWeek).leftMinutes()).isEqualTo(60);
    }

    @Test
    void aRequestThatWaitedTooLongForTheWeeksLockTriesAgain() throws Exception {
        week(thisWeek);
        CountDownLatch locked = new CountDownLatch(1);
        threads = Executors.newSingleThreadExecutor();
        // Another transaction holds the week's row for longer than H2's lock timeout (2 s): H2 gives up and the
        // request tries again; PostgreSQL waits.
        Future<?> blocker = threads.submit(() -> {
            database.jdbi().useTransaction(handle -> {
                handle.createQuery("SELECT held_minutes FROM specialist_week WHERE user_id = :user FOR UPDATE")
                        .bind("user", JO).mapTo(Integer.class).list();
                locked.countDown();
                Thread.sleep(2500);
            });
            return null;
        });
        assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();

        BookingService.RequestOutcome outcome = request("V1", "1");

        blocker.get(10, TimeUnit.SECONDS);
        assertThat(outcome).isInstanceOf(BookingService.RequestOutcome.Created.class);
        assertThat(week(thisWeek).heldMinutes()).isEqualTo(60);
        assertThat(count("SELECT COUNT(*) FROM booking")).isEqualTo(1);
        assertThat(outbox()).hasSize(2);
    }

    private List<BookingService.RequestOutcome> race(int attempts, java.util.function.IntFunction<
            BookingService.RequestOutcome> attempt) throws Exception {
        threads = Executors.newFixedThreadPool(attempts);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<BookingService.RequestOutcome>> futures = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            int number = i;
            Callable<BookingService.RequestOutcome> call = () -> {
                start.await();
                return attempt.apply(number);
            };
            futures.add(threads.submit(call));
        }
        start.countDown();
        List<BookingService.RequestOutcome> outcomes = new ArrayList<>();
        for (Future<BookingService.RequestOutcome> future : futures) {
            outcomes.add(future.get(60, TimeUnit.SECONDS));
        }
        return outcomes;
    }

    @Test
    void fewerHoursLeftThanAskedIsRefusedWithWhatIsLeftAndNothingWritten() {
        booked("V1", "3");

        BookingService.RequestOutcome refused = request("V2", "2");

        assertThat(refused).isEqualTo(new BookingService.RequestOutcome.HoursGone(thisWeek, 60));
        assertThat(((BookingService.RequestOutcome.HoursGone) refused).errors()).isEqualTo(Map.of(BookingForm.HOURS,
                "Only 1 h left in the week of 30 Nov now. Ask for 1 h or less."));
        assertThat(count("SELECT COUNT(*) FROM booking")).isEqualTo(1);
        assertThat(outbox()).hasSize(2);
        assertThat(week(thisWeek).heldMinutes()).isEqualTo(180);

        booked("V3", "1");
        assertThat(((BookingService.RequestOutcome.HoursGone) request("V4", "0.5")).errors().get(BookingForm.HOURS))
                .isEqualTo("No hours are left in the week of 30 Nov now: they have all been held or booked. Choose"
                        + " another week, or close this form.");
        assertThat(bookings.request(kim, "V5", form(nextWeek, "4"))).isInstanceOf(
                BookingService.RequestOutcome.Created.class);
    }

    @Test
    void malformedFormsAreExplainedFieldByFieldAndNothingIsWritten() {
        assertThat(errors(new BookingForm(JO, null, "2", "Need", null))).isEqualTo(Map.of(BookingForm.WEEK,
                "Choose the week."));
        assertThat(errors(new BookingForm(JO, "2026-11-23", "2", "Need", null)).get(BookingForm.WEEK))
                .isEqualTo("That week is over. Choose this week or next.");
        assertThat(errors(new BookingForm(JO, "2026-12-14", "2", "Need", null)).get(BookingForm.WEEK))
                .isEqualTo("Choose this week or next week.");
        assertThat(errors(new BookingForm(JO, "soon", "2", "Need", null)).get(BookingForm.WEEK))
                .isEqualTo("Choose this week or next week.");
        assertThat(errors(new BookingForm(JO, thisWeek.toString(), " ", "Need", null)).get(BookingForm.HOURS))
                .isEqualTo("Give the hours you need, e.g. 2 or 1.5.");
        assertThat(errors(new BookingForm(JO, thisWeek.toString(), "2.25", "Need", null)).get(BookingForm.HOURS))
                .isEqualTo("Give the hours as a number in half-hour steps, up to 37.5, e.g. 2 or 1.5.");
        assertThat(errors(new BookingForm(JO, thisWeek.toString(), "lots", "Need", null)).get(BookingForm.HOURS))
                .startsWith("Give the hours as a number");
        assertThat(errors(new BookingForm(JO, thisWeek.toString(), "0", "Need", null)).get(BookingForm.HOURS))
                .isEqualTo("Book at least half an hour.");
        assertThat(errors(new BookingForm(JO, thisWeek.toString(), "2", "  ", null)).get(BookingForm.NEED))
                .isEqualTo("Say what you need help with, so they can decide.");
        assertThat(errors(new BookingForm(JO, thisWeek.toString(), "2", "x".repeat(1001), null))
                .get(BookingForm.NEED)).isEqualTo("Keep this to 1,000 characters (it has 1001).");
        assertThat(errors(new BookingForm(JO, thisWeek.toString(), "2", "Need", "x".repeat(101)))
                .get(BookingForm.COST_CODE)).isEqualTo("Keep the cost code or PO to 100 characters.");
        assertThat(errors(new BookingForm(null, thisWeek.toString(), "2", "Need", null)).get(BookingForm.WEEK))
                .startsWith("This form has lost track of who you're booking.");
        assertThat(errors(new BookingForm(JO, "x", "x", "", "x".repeat(101))).keySet())
                .containsExactlyInAnyOrder(BookingForm.WEEK, BookingForm.HOURS, BookingForm.NEED, BookingForm.COST_CODE);
        assertThat(count("SELECT COUNT(*) FROM booking") + count("SELECT COUNT(*) FROM outbox")).isZero();
    }

    private Map<String, String> errors(BookingForm form) {
        BookingService.RequestOutcome outcome = bookings.request(kim, "V-INVALID", form);
        assertThat(outcome).isInstanceOf(BookingService.RequestOutcome.Invalid.class);
        return ((BookingService.RequestOutcome.Invalid) outcome).errors();
    }

    @Test
    void onlyListedSpecialistsOfOtherCouncilsCanBeBooked() {
        assertThat(bookings.request(alex, "V1", form(thisWeek, "1"))).isEqualTo(new BookingService.RequestOutcome
                .Invalid(Map.of(BookingForm.WEEK, "They work for your own council; the pool is for borrowing time from"
                + " other councils.")));
        assertThat(bookings.offer(alex, JO)).isEqualTo(new BookingService.OfferResult.OwnCouncil(JO));

        fixture.pause(JO);
        assertThat(errors(form(thisWeek, "1")).get(BookingForm.WEEK)).startsWith("They aren't taking bookings");
        assertThat(bookings.offer(kim, JO)).isEqualTo(new BookingService.OfferResult.NotListed(JO));
        assertThat(bookings.offer(kim, "U0NOBODY")).isEqualTo(new BookingService.OfferResult.NotListed("U0NOBODY"));
        assertThat(week(thisWeek).heldMinutes()).isZero();
        assertThat(count("SELECT COUNT(*) FROM booking")).isZero();
    }

    @Test
    void theOfferShowsHoursLeftThisWeekAndNext() {
        booked("V1", "4");

        BookingService.OfferResult offer = bookings.offer(kim, JO);

        assertThat(offer).isInstanceOf(BookingService.OfferResult.Bookable.class);
        BookingService.Offer details = ((BookingService.OfferResult.Bookable) offer).offer();
        assertThat(details.jobTitle()).isEqualTo("GIS analyst");
        assertThat(details.councilName()).isEqualTo("Leeds City Council");
        assertThat(details.skills()).containsExactly("GIS");
        assertThat(details.weeksWithHours()).extracting(WeekCapacity::weekStart).containsExactly(nextWeek);
        bookings.request(kim, "V2", form(nextWeek, "4"));
        assertThat(bookings.offer(kim, JO)).isInstanceOf(BookingService.OfferResult.NoHoursLeft.class);
    }

    @Test
    void acceptingTurnsHeldHoursIntoBookedOnce() {
        Booking booking = booked("V1", "2");
        String id = String.valueOf(booking.id());

        BookingService.Answer answer = bookings.accept(booking.id(), JO, JO_DM);

        assertThat(answer).isInstanceOf(BookingService.Answer.Done.class);
        Booking accepted = ((BookingService.Answer.Done) answer).booking();
        assertThat(accepted.status()).isEqualTo(BookingStatus.ACCEPTED);
        assertThat(accepted.changedBy()).isEqualTo(JO);
        assertThat(week(thisWeek).heldMinutes()).isZero();
        assertThat(week(thisWeek).bookedMinutes()).isEqualTo(120);
        assertThat(outbox()).containsExactly("booking-" + id + "-requested-" + JO, "booking-" + id + "-requested-" + KIM,
                "booking-" + id + "-accepted-update", "booking-" + id + "-accepted-" + KIM);
        assertThat(outboxText("booking-" + id + "-accepted-update")).contains("1700000001.000100")
                .contains("You accepted");
        assertThat(outboxText("booking-" + id + "-accepted-" + KIM)).contains("accepted your booking: 2 h in the week"
                + " of 30 Nov");

        assertThat(bookings.accept(booking.id(), JO, JO_DM)).isEqualTo(new BookingService.Answer.AlreadySettled(accepted));
        assertThat(bookings.accept(booking.id(), KIM, Optional.empty()))
                .isEqualTo(new BookingService.Answer.NotYours(accepted));
        assertThat(bookings.accept(999, JO, Optional.empty())).isEqualTo(new BookingService.Answer.NotFound());
        assertThat(week(thisWeek).bookedMinutes()).isEqualTo(120);
        assertThat(outbox()).hasSize(4);
        assertThat(auditActions(booking.id())).containsExactly("booking.requested", "booking.accepted",
                "booking.refused");
        AuditLog.Entry acceptance = audit.forSubject("booking", id).get(1);
        assertThat(acceptance.actor()).isEqualTo(JO);
        assertThat(acceptance.beforeState()).isEqualTo("requested");
        assertThat(acceptance.afterState()).isEqualTo("accepted");
    }

    @Test
    void decliningReleasesTheHoursAndPassesOnTheReason() {
        Booking booking = booked("V1", "2");
        String id = String.valueOf(booking.id());

        assertThat(bookings.decline(booking.id(), JO, "x".repeat(501), Optional.empty())).isEqualTo(
                new BookingService.Answer.Invalid(Map.of(BookingForm.REASON,
                        "Keep the reason to 500 characters (it has 501).")));
        assertThat(bookings.decline(booking.id(), KIM, "", Optional.empty()))
                .isInstanceOf(BookingService.Answer.NotYours.class);
        BookingService.Answer answer = bookings.decline(booking.id(), JO, "Busy with <@U0BOSS> & the audit",
                Optional.empty());

        assertThat(answer).isInstanceOf(BookingService.Answer.Done.class);
        assertThat(((BookingService.Answer.Done) answer).booking().reason()).isEqualTo("Busy with <@U0BOSS> & the audit");
        assertThat(week(thisWeek).heldMinutes()).isZero();
        assertThat(outboxText("booking-" + id + "-declined-" + KIM)).contains("declined your request for 2 h in the"
                + " week of 30 Nov: “Busy with &lt;@U0BOSS&gt; &amp; the audit”");
        assertThat(outboxText("booking-" + id + "-declined-" + JO)).contains("You declined");
        assertThat(bookings.decline(booking.id(), JO, null, Optional.empty()))
                .isInstanceOf(BookingService.Answer.AlreadySettled.class);
        assertThat(bookings.accept(booking.id(), JO, Optional.empty()))
                .isInstanceOf(BookingService.Answer.AlreadySettled.class);
    }

    @Test
    void eitherSideCanCancelWithAReasonReleasingHeldOrBookedHours() {
        Booking request = booked("V1", "1");
        Booking confirmed = booked("V2", "2");
        bookings.accept(confirmed.id(), JO, Optional.empty());

        assertThat(bookings.cancel(request.id(), KIM, " ", Optional.empty())).isEqualTo(new BookingService.Answer
                .Invalid(Map.of(BookingForm.REASON, "Give a reason: the other side will see it.")));
        assertThat(bookings.cancel(request.id(), ALEX, "Mine", Optional.empty()))
                .isInstanceOf(BookingService.Answer.NotYours.class);
        assertThat(bookings.cancel(request.id(), KIM, "Found someone nearer", Optional.empty()))
                .isInstanceOf(BookingService.Answer.Done.class);
        assertThat(week(thisWeek).heldMinutes()).isZero();
        assertThat(bookings.cancel(confirmed.id(), JO, "Off sick", Optional.empty()))
                .isInstanceOf(BookingService.Answer.Done.class);
        assertThat(week(thisWeek).bookedMinutes()).isZero();
        assertThat(bookings.cancel(confirmed.id(), KIM, "Again", Optional.empty()))
                .isInstanceOf(BookingService.Answer.AlreadySettled.class);

        assertThat(outboxText("booking-" + request.id() + "-cancelled-" + JO)).contains("<@" + KIM + "> cancelled their"
                + " booking of your time, 1 h in the week of 30 Nov: “Found someone nearer”. Those hours are free again.");
        assertThat(outboxText("booking-" + request.id() + "-cancelled-" + KIM)).contains("You cancelled the booking");
        assertThat(outboxText("booking-" + confirmed.id() + "-cancelled-" + KIM)).contains("<@" + JO + "> cancelled"
                + " your booking of 2 h in the week of 30 Nov: “Off sick”.");
        assertThat(auditActions(confirmed.id())).containsExactly("booking.requested", "booking.accepted",
                "booking.cancelled");
        assertThat(audit.forSubject("booking", String.valueOf(confirmed.id())).get(2).detail()).isEqualTo("Off sick");
    }

    @Test
    void checkingTellsWhetherAnActionIsAllowedWithoutChangingAnything() {
        Booking booking = booked("V1", "1");

        assertThat(bookings.check(booking.id(), JO, BookingService.Action.DECLINE))
                .isEqualTo(new BookingService.Answer.Allowed(booking));
        assertThat(bookings.check(booking.id(), KIM, BookingService.Action.CANCEL))
                .isEqualTo(new BookingService.Answer.Allowed(booking));
        assertThat(bookings.check(booking.id(), KIM, BookingService.Action.DECLINE))
                .isEqualTo(new BookingService.Answer.NotYours(booking));
        assertThat(bookings.check(404, KIM, BookingService.Action.CANCEL)).isEqualTo(new BookingService.Answer.NotFound());
        assertThat(auditActions(booking.id())).containsExactly("booking.requested");
    }

    @Test
    void aBookingWhoseWeekIsOverCannotBeAcceptedOrCancelledButCanBeDeclined() {
        Booking first = booked("V1", "1");
        Booking second = booked("V2", "1");
        clock.set(Instant.parse("2026-12-07T00:30:00Z"));

        assertThat(bookings.accept(first.id(), JO, Optional.empty())).isInstanceOf(BookingService.Answer.WeekOver.class);
        assertThat(bookings.cancel(first.id(), KIM, "Late", Optional.empty()))
                .isInstanceOf(BookingService.Answer.WeekOver.class);
        assertThat(bookings.decline(second.id(), JO, null, Optional.empty()))
                .isInstanceOf(BookingService.Answer.Done.class);
    }

    @Test
    void unansweredRequestsAreRemindedOnceAfterADayAndLapseAfterThreeDays() {
        Booking booking = booked("V1", "2");
        String id = String.valueOf(booking.id());
        Instant made = clock.instant();

        assertThat(bookings.processUnanswered(made.plus(Duration.ofHours(23))))
                .isEqualTo(new BookingService.UnansweredRun(0, 0));
        assertThat(bookings.processUnanswered(made.plus(Duration.ofHours(24))))
                .isEqualTo(new BookingService.UnansweredRun(1, 0));
        assertThat(bookings.processUnanswered(made.plus(Duration.ofHours(25))))
                .isEqualTo(new BookingService.UnansweredRun(0, 0));
        assertThat(outboxText("booking-" + id + "-reminder-" + JO)).contains("is waiting for your answer")
                .contains("It lapses on Sat 5 Dec at 10:00").contains(BookingBlocks.ACCEPT);

        assertThat(bookings.processUnanswered(made.plus(Duration.ofHours(72))))
                .isEqualTo(new BookingService.UnansweredRun(0, 1));
        assertThat(bookings.processUnanswered(made.plus(Duration.ofHours(73))))
                .isEqualTo(new BookingService.UnansweredRun(0, 0));
        Booking expired = bookings.find(booking.id()).orElseThrow();
        assertThat(expired.status()).isEqualTo(BookingStatus.EXPIRED);
        assertThat(expired.changedBy()).isEqualTo(BookingService.SYSTEM);
        assertThat(week(thisWeek).heldMinutes()).isZero();
        assertThat(outboxText("booking-" + id + "-expired-" + KIM)).contains("didn't answer your request for 2 h in"
                + " the week of 30 Nov within 3 days");
        assertThat(outboxText("booking-" + id + "-expired-" + JO)).contains("lapsed unanswered");
        assertThat(auditActions(booking.id())).containsExactly("booking.requested", "booking.reminded",
                "booking.expired");
        assertThat(outbox()).hasSize(5);
    }

    @Test
    void answeredRequestsAreNeitherRemindedNorExpiredAndTimeoutsAreConfigurable() {
        bookings = service(new BookingTimeouts(Duration.ofHours(1), Duration.ofHours(2)));
        Booking answered = booked("V1", "1");
        bookings.accept(answered.id(), JO, Optional.empty());
        Booking open = booked("V2", "1");

        assertThat(bookings.processUnanswered(clock.instant().plus(Duration.ofHours(1))))
                .isEqualTo(new BookingService.UnansweredRun(1, 0));
        assertThat(bookings.processUnanswered(clock.instant().plus(Duration.ofHours(2))))
                .isEqualTo(new BookingService.UnansweredRun(0, 1));
        assertThat(bookings.find(answered.id()).orElseThrow().status()).isEqualTo(BookingStatus.ACCEPTED);
        assertThat(bookings.find(open.id()).orElseThrow().status()).isEqualTo(BookingStatus.EXPIRED);
        assertThat(week(thisWeek).bookedMinutes()).isEqualTo(60);
        assertThat(week(thisWeek).heldMinutes()).isZero();
    }

    @Test
    void requestsForAWeekThatHasEndedLapse() {
        clock.set(Instant.parse("2026-12-06T20:00:00Z"));
        Booking booking = booked("V1", "1");

        assertThat(bookings.processUnanswered(Instant.parse("2026-12-06T23:00:00Z")))
                .isEqualTo(new BookingService.UnansweredRun(0, 0));
        assertThat(bookings.processUnanswered(Instant.parse("2026-12-07T00:05:00Z")))
                .isEqualTo(new BookingService.UnansweredRun(0, 1));
        assertThat(bookings.find(booking.id()).orElseThrow().status()).isEqualTo(BookingStatus.EXPIRED);
    }

    @Test
    void aCouncilSuspensionIsToldToBothSidesOfOpenBookingsOnce() {
        Booking requested = booked("V1", "1");
        Booking accepted = booked("V2", "1");
        bookings.accept(accepted.id(), JO, Optional.empty());
        Booking cancelled = booked("V3", "1");
        bookings.cancel(cancelled.id(), KIM, "No longer needed", Optional.empty());
        int before = outbox().size();
        Instant suspendedAt = Instant.parse("2026-12-03T09:00:00Z");

        assertThat(bookings.tellCouncilSuspended(leeds, suspendedAt)).isEqualTo(2);
        assertThat(bookings.tellCouncilSuspended(leeds, suspendedAt)).isEqualTo(2);

        List<String> sent = outbox().subList(before, outbox().size());
        String event = "-council-" + leeds + "-suspended-" + suspendedAt.getEpochSecond() + "-";
        assertThat(sent).containsExactly("booking-" + requested.id() + event + JO, "booking-" + requested.id() + event + KIM,
                "booking-" + accepted.id() + event + JO, "booking-" + accepted.id() + event + KIM);
        assertThat(outboxText("booking-" + accepted.id() + event + JO)).contains("Your council (Leeds City Council) has"
                + " been suspended from the pool. Your booking with <@" + KIM + "> for 1 h in the week of 30 Nov is kept");
        assertThat(outboxText("booking-" + accepted.id() + event + KIM)).contains("Leeds City Council, <@" + JO
                + ">'s council, has been suspended");
        assertThat(bookings.find(accepted.id()).orElseThrow().status()).isEqualTo(BookingStatus.ACCEPTED);
        assertThat(bookings.find(requested.id()).orElseThrow().status()).isEqualTo(BookingStatus.REQUESTED);
        assertThat(bookings.tellCouncilSuspended(york, suspendedAt)).isEqualTo(2);
    }

    @Test
    void requestersAreToldWhenTheSpecialistIsNoLongerListed() {
        Booking requested = booked("V1", "1");
        Booking accepted = booked("V2", "1");
        bookings.accept(accepted.id(), JO, Optional.empty());
        Instant at = clock.instant();

        int told = database.jdbi().inTransaction(handle -> bookings.tellSpecialistUnlisted(handle, JO,
                BookingNotifier.Unlisted.PAUSED, at));

        assertThat(told).isEqualTo(2);
        assertThat(outboxText("booking-" + requested.id() + "-unlisted-paused-" + at.getEpochSecond() + "-" + KIM))
                .contains("<@" + JO + "> has paused their availability").contains("stays open: they can still accept");
        assertThat(outboxText("booking-" + accepted.id() + "-unlisted-paused-" + at.getEpochSecond() + "-" + KIM))
                .contains("Your confirmed booking for 1 h in the week of 30 Nov stands.");
    }

    @Test
    void acceptedBookingsOfAWeekAndAMembersBookingsBothWays() {
        Booking mine = booked("V1", "1");
        bookings.accept(mine.id(), JO, Optional.empty());
        Booking next = bookings.request(kim, "V2", form(nextWeek, "1")) instanceof
                BookingService.RequestOutcome.Created created ? created.booking() : null;
        Booking declined = booked("V3", "1");
        bookings.decline(declined.id(), JO, null, Optional.empty());

        assertThat(bookings.acceptedInWeek(thisWeek)).extracting(Booking::id).containsExactly(mine.id());
        assertThat(bookings.acceptedInWeek(nextWeek)).isEmpty();
        BookingService.MyBookings kims = bookings.bookingsOf(KIM);
        assertThat(kims.made()).extracting(Booking::id).containsExactly(mine.id(), next.id());
        assertThat(kims.ofMyTime()).isEmpty();
        BookingService.MyBookings jos = bookings.bookingsOf(JO);
        assertThat(jos.made()).isEmpty();
        assertThat(jos.ofMyTime()).extracting(Booking::status).containsExactly(BookingStatus.ACCEPTED,
                BookingStatus.REQUESTED);
        assertThat(bookings.bookingsOf(ALEX).isEmpty()).isTrue();
    }
}
