package org.talentpool.booking;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.talentpool.availability.Hours;
import org.talentpool.availability.SpecialistDao;
import org.talentpool.availability.WeekCapacity;
import org.talentpool.availability.WeeklyCapacity;
import org.talentpool.availability.Weeks;
import org.talentpool.council.Member;
import org.talentpool.home.HomeRefresher;
import org.talentpool.persistence.AuditLog;

/**
 * Booking a specialist's hours: the request that holds them, the specialist's accept or decline, cancelling by
 * either side, and what the scheduled jobs, the council-suspension hook and the ledger need (reminders and
 * expiry of unanswered requests, telling both sides of a suspension, accepted bookings of a week).
 *
 * <p>Every change of status goes through {@link #move}: one conditional update of the booking (the transitions
 * are listed in {@link BookingStatus.Transition}), the matching conditional change of the specialist's week in
 * {@link WeeklyCapacity} (whose CHECK constraint forbids overbooking), an audit entry, the messages to both
 * sides and a request to publish both sides' App Homes again, in one transaction.
 */
public final class BookingService {
    private static final Logger log = LoggerFactory.getLogger(BookingService.class);
    /** The actor recorded for changes nobody clicked (expiry). */
    public static final String SYSTEM = "system";
    private static final int MAX_ATTEMPTS = 3;
    private static final Set<String> TRANSIENT_STATES = Set.of("23505", "40001", "40P01");
    private static final int H2_LOCK_TIMEOUT = 50200;
    private static final int H2_CONCURRENT_UPDATE = 90131;

    private final Jdbi jdbi;
    private final Clock clock;
    private final ZoneId zone;
    private final AuditLog audit;
    private final WeeklyCapacity capacity;
    private final BookingNotifier notifier;
    private final BookingTimeouts timeouts;
    private final HomeRefresher homes;

    public BookingService(Jdbi jdbi, Clock clock, ZoneId zone, AuditLog audit, WeeklyCapacity capacity,
                          BookingNotifier notifier, BookingTimeouts timeouts, HomeRefresher homes) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.zone = zone;
        this.audit = audit;
        this.capacity = capacity;
        this.notifier = notifier;
        this.timeouts = timeouts;
        this.homes = homes;
    }

    public BookingTimeouts timeouts() {
        return timeouts;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Opening the booking modal

    /** What the booking modal offers: the specialist and their hours left this week and next. */
    public record Offer(String specialistId, String jobTitle, String councilName, List<String> skills,
                        WeekCapacity thisWeek, WeekCapacity nextWeek) {
        /** The weeks with hours left, this week first. */
        public List<WeekCapacity> weeksWithHours() {
            return List.of(thisWeek, nextWeek).stream().filter(week -> week.leftMinutes() > 0).toList();
        }
    }

    /** Whether a member may book a specialist now. */
    public sealed interface OfferResult {
        record Bookable(Offer offer) implements OfferResult {}

        /** Paused, without permission, council not approved, or no profile. */
        record NotListed(String specialistId) implements OfferResult {}

        /** The specialist works for the requester's own council. */
        record OwnCouncil(String specialistId) implements OfferResult {}

        /** Listed, but every hour of this week and next is held or booked. */
        record NoHoursLeft(Offer offer) implements OfferResult {}
    }

    public OfferResult offer(Member requester, String specialistId) {
        LocalDate thisWeek = Weeks.thisWeek(clock, zone);
        return jdbi.inTransaction(handle -> {
            Optional<BookingDao.Listing> listing = handle.attach(BookingDao.class)
                    .listing(specialistId, Weeks.today(clock, zone));
            if (listing.isEmpty()) {
                return new OfferResult.NotListed(specialistId);
            }
            if (listing.get().councilId() == requester.council().id()) {
                return new OfferResult.OwnCouncil(specialistId);
            }
            List<String> skills = handle.attach(SpecialistDao.class).skillsOf(specialistId).stream()
                    .map(SpecialistDao.SkillRow::displayName).toList();
            Offer offer = new Offer(specialistId, listing.get().jobTitle(), listing.get().councilName(), skills,
                    capacity.capacity(handle, specialistId, thisWeek).orElseThrow(),
                    capacity.capacity(handle, specialistId, thisWeek.plusWeeks(1)).orElseThrow());
            return offer.weeksWithHours().isEmpty() ? new OfferResult.NoHoursLeft(offer)
                    : new OfferResult.Bookable(offer);
        });
    }

    // ---------------------------------------------------------------------------------------------------------
    // Requesting

    /** The outcome of submitting the booking modal. */
    public sealed interface RequestOutcome {
        /** Booked: the hours are held and both sides are being told. */
        record Created(Booking booking) implements RequestOutcome {}

        /** This submission was made before (a retry or a double submit): the booking it made, unchanged. */
        record AlreadyRequested(Booking booking) implements RequestOutcome {}

        /** Nothing booked: messages by field ({@link BookingForm} constants). */
        record Invalid(Map<String, String> errors) implements RequestOutcome {}

        /** Nothing booked: fewer hours are left in the week than asked for (they went while the form was open). */
        record HoursGone(LocalDate weekStart, int leftMinutes) implements RequestOutcome {
            public Map<String, String> errors() {
                String week = "the week of " + Weeks.dayMonth(weekStart);
                return Map.of(BookingForm.HOURS, leftMinutes == 0
                        ? "No hours are left in " + week + " now: they have all been held or booked. Choose"
                                + " another week, or close this form."
                        : "Only " + Hours.format(leftMinutes) + " left in " + week + " now. Ask for "
                                + Hours.format(leftMinutes) + " or less.");
            }
        }
    }

    /** Thrown inside the request's transaction to roll it back with an answer for the requester. */
    private static final class Refused extends RuntimeException {
        private final transient RequestOutcome outcome;

        Refused(RequestOutcome outcome) {
            super(null, null, false, false);
            this.outcome = outcome;
        }
    }

    /**
     * Submits the booking modal for {@code requester} (who passed the membership gate). {@code requestKey} is
     * what Slack gave the submission (the modal's view ID): submitting the same modal again returns the booking
     * it made. The hours are held by a conditional update in the same transaction as the booking, so however
     * many requests race for a specialist's last hours, the database lets through only what is left.
     */
    public RequestOutcome request(Member requester, String requestKey, BookingForm form) {
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate week = week(form.week(), errors);
        int minutes = minutes(form.hours(), errors);
        String need = need(form.need(), errors);
        String costCode = costCode(form.costCode(), errors);
        String specialistId = form.specialistId() == null ? "" : form.specialistId().trim();
        if (specialistId.isEmpty()) {
            errors.putIfAbsent(BookingForm.WEEK, "This form has lost track of who you're booking. Close it and click"
                    + " Book again.");
        }
        if (!errors.isEmpty()) {
            return new RequestOutcome.Invalid(errors);
        }
        Optional<Booking> earlier = jdbi.withExtension(BookingDao.class, dao -> dao.findByRequestKey(requestKey));
        if (earlier.isPresent()) {
            return new RequestOutcome.AlreadyRequested(earlier.get());
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbi.inTransaction(handle -> book(handle, requester, requestKey, specialistId, week, minutes,
                        need, costCode));
            } catch (Refused refused) {
                return refused.outcome;
            } catch (JdbiException e) {
                // A concurrent duplicate of this submission (H2 reports it instead of waiting), or a race the database
                // broke off (H2 gives up waiting for a row lock after 2 s; a deadlock or serialisation failure).
                Optional<Booking> made = jdbi.withExtension(BookingDao.class, dao -> dao.findByRequestKey(requestKey));
                if (made.isPresent()) {
                    return new RequestOutcome.AlreadyRequested(made.get());
                }
                if (!isTransient(e) || attempt == MAX_ATTEMPTS) {
                    throw e;
                }
                log.info("Booking request {} raced another transaction, trying again: {}", requestKey, e.getMessage());
            }
        }
    }

    private RequestOutcome book(Handle handle, Member requester, String requestKey, String specialistId,
                                LocalDate week, int minutes, String need, String costCode) {
        BookingDao bookings = handle.attach(BookingDao.class);
        Optional<BookingDao.Listing> listing = bookings.listing(specialistId, Weeks.today(clock, zone));
        if (listing.isEmpty()) {
            return new RequestOutcome.Invalid(Map.of(BookingForm.WEEK, "They aren't taking bookings at the"
                    + " moment (paused, or without their manager's permission). Nothing was booked."));
        }
        if (listing.get().councilId() == requester.council().id()) {
            return new RequestOutcome.Invalid(Map.of(BookingForm.WEEK, "They work for your own council;"
                    + " the pool is for borrowing time from other councils."));
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        // The unique request key makes a concurrent duplicate wait here (PostgreSQL), then insert nothing.
        if (bookings.insert(requestKey, specialistId, requester.userId(), listing.get().councilId(),
                requester.council().id(), week, minutes, need, costCode, now) == 0) {
            return new RequestOutcome.AlreadyRequested(bookings.findByRequestKey(requestKey).orElseThrow());
        }
        if (!capacity.hold(handle, specialistId, week, minutes)) {
            int left = capacity.capacity(handle, specialistId, week).map(WeekCapacity::leftMinutes).orElse(0);
            throw new Refused(new RequestOutcome.HoursGone(week, left));
        }
        Booking booking = bookings.findByRequestKey(requestKey).orElseThrow();
        audit.record(handle, AuditLog.Change.of(requester.userId(), "booking.requested", "booking", booking.id())
                .states(null, describe(booking)));
        notifier.requested(handle, booking);
        homes.refresh(handle, List.of(booking.specialistId(), booking.requesterId()));
        return new RequestOutcome.Created(booking);
    }

    private LocalDate week(String value, Map<String, String> errors) {
        LocalDate thisWeek = Weeks.thisWeek(clock, zone);
        if (value == null || value.isBlank()) {
            errors.put(BookingForm.WEEK, "Choose the week.");
            return null;
        }
        try {
            LocalDate week = LocalDate.parse(value.trim());
            if (week.isBefore(thisWeek)) {
                errors.put(BookingForm.WEEK, "That week is over. Choose this week or next.");
            } else if (!week.equals(thisWeek) && !week.equals(thisWeek.plusWeeks(1))) {
                errors.put(BookingForm.WEEK, "Choose this week or next week.");
            }
            return week;
        } catch (DateTimeParseException e) {
            errors.put(BookingForm.WEEK, "Choose this week or next week.");
            return null;
        }
    }

    private static int minutes(String value, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            errors.put(BookingForm.HOURS, "Give the hours you need, e.g. 2 or 1.5.");
            return 0;
        }
        if (!(Hours.parse(value) instanceof Hours.Parsed.Minutes parsed)) {
            errors.put(BookingForm.HOURS, "Give the hours as a number in half-hour steps, up to 37.5, e.g. 2 or 1.5.");
            return 0;
        }
        if (parsed.minutes() == 0) {
            errors.put(BookingForm.HOURS, "Book at least half an hour.");
        }
        return parsed.minutes();
    }

    private static String need(String value, Map<String, String> errors) {
        String need = value == null ? "" : value.strip();
        if (need.isEmpty()) {
            errors.put(BookingForm.NEED, "Say what you need help with, so they can decide.");
        } else if (need.length() > BookingForm.MAX_NEED) {
            errors.put(BookingForm.NEED, "Keep this to 1,000 characters (it has " + need.length() + ").");
        }
        return need;
    }

    private static String costCode(String value, Map<String, String> errors) {
        String code = value == null ? "" : value.strip();
        if (code.length() > BookingForm.MAX_COST_CODE) {
            errors.put(BookingForm.COST_CODE, "Keep the cost code or PO to 100 characters.");
        }
        return code.isEmpty() ? null : code;
    }

    /**
     * A failure that trying again may cure: a unique key taken by a concurrent transaction, a serialisation failure
     * or deadlock, or H2's lock timeout and concurrent-update errors.
     */
    private static boolean isTransient(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && (TRANSIENT_STATES.contains(sql.getSQLState())
                    || sql.getErrorCode() == H2_LOCK_TIMEOUT || sql.getErrorCode() == H2_CONCURRENT_UPDATE)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Answering and cancelling

    /** The outcome of accept, decline or cancel. */
    public sealed interface Answer {
        /** Changed; both sides are being told. */
        record Done(Booking booking) implements Answer {}

        /** The actor is not the side who may do this. Nothing changed. */
        record NotYours(Booking booking) implements Answer {}

        /** Accepted, declined, cancelled or expired already. Nothing changed. */
        record AlreadySettled(Booking booking) implements Answer {}

        /** The booking's week has ended. Nothing changed. */
        record WeekOver(Booking booking) implements Answer {}

        /** The reason is missing or too long. Nothing changed. */
        record Invalid(Map<String, String> errors) implements Answer {}

        record NotFound() implements Answer {}

        /** Only from {@link #check}: the action may be done now. */
        record Allowed(Booking booking) implements Answer {}
    }

    /** What a member can do to a booking. */
    public enum Action { ACCEPT, DECLINE, CANCEL }

    /** The specialist accepts a request: held hours become booked. */
    public Answer accept(long bookingId, String actorId, Optional<BookingNotifier.MessageRef> message) {
        return change(bookingId, actorId, Action.ACCEPT, null, message);
    }

    /** The specialist declines a request, with an optional reason: the hours are released. */
    public Answer decline(long bookingId, String actorId, String reason,
                          Optional<BookingNotifier.MessageRef> message) {
        Optional<String> invalid = reasonError(reason, false);
        if (invalid.isPresent()) {
            return new Answer.Invalid(Map.of(BookingForm.REASON, invalid.get()));
        }
        return change(bookingId, actorId, Action.DECLINE, blankToNull(reason), message);
    }

    /** Either side cancels a request or a confirmed booking, giving a reason: the hours are released. */
    public Answer cancel(long bookingId, String actorId, String reason, Optional<BookingNotifier.MessageRef> message) {
        Optional<String> invalid = reasonError(reason, true);
        if (invalid.isPresent()) {
            return new Answer.Invalid(Map.of(BookingForm.REASON, invalid.get()));
        }
        return change(bookingId, actorId, Action.CANCEL, reason.strip(), message);
    }

    /**
     * Whether {@code actorId} may do {@code action} to the booking as it stands, without changing anything (before
     * opening the decline or cancel modal): {@link Answer.Allowed} or the refusal the change itself would give.
     */
    public Answer check(long bookingId, String actorId, Action action) {
        Optional<Booking> found = find(bookingId);
        if (found.isEmpty()) {
            return new Answer.NotFound();
        }
        return refusal(found.get(), actorId, action).orElse(new Answer.Allowed(found.get()));
    }

    private static BookingStatus.Transition transition(Action action, BookingStatus current) {
        return switch (action) {
            case ACCEPT -> BookingStatus.Transition.ACCEPT;
            case DECLINE -> BookingStatus.Transition.DECLINE;
            case CANCEL -> BookingStatus.Transition.cancel(current);
        };
    }

    /** Why the action cannot be done now, if it cannot: the rules of who may do what, and when. */
    private Optional<Answer> refusal(Booking booking, String actorId, Action action) {
        boolean party = action == Action.CANCEL
                ? booking.isSpecialist(actorId) || booking.isRequester(actorId)
                : booking.isSpecialist(actorId);
        if (!party) {
            return Optional.of(new Answer.NotYours(booking));
        }
        if (booking.status() != transition(action, booking.status()).from()) {
            return Optional.of(new Answer.AlreadySettled(booking));
        }
        if (action != Action.DECLINE && booking.weekOverOn(Weeks.today(clock, zone))) {
            return Optional.of(new Answer.WeekOver(booking));
        }
        return Optional.empty();
    }

    private static Optional<String> reasonError(String reason, boolean required) {
        String text = reason == null ? "" : reason.strip();
        if (required && text.isEmpty()) {
            return Optional.of("Give a reason: the other side will see it.");
        }
        if (text.length() > BookingForm.MAX_REASON) {
            return Optional.of("Keep the reason to 500 characters (it has " + text.length() + ").");
        }
        return Optional.empty();
    }

    private Answer change(long bookingId, String actorId, Action action, String reason,
                          Optional<BookingNotifier.MessageRef> message) {
        return jdbi.inTransaction(handle -> {
            BookingDao bookings = handle.attach(BookingDao.class);
            Optional<Booking> found = bookings.find(bookingId);
            if (found.isEmpty()) {
                return new Answer.NotFound();
            }
            Booking booking = found.get();
            Optional<Answer> refused = refusal(booking, actorId, action);
            if (refused.isPresent()) {
                if (refused.get() instanceof Answer.NotYours) {
                    audit.record(handle, AuditLog.Change.of(actorId, "booking.refused", "booking", bookingId)
                            .detail(action.name().toLowerCase(Locale.ROOT) + " by someone not a party"));
                }
                return refused.get();
            }
            BookingStatus.Transition transition = transition(action, booking.status());
            if (!move(handle, booking, transition, actorId, reason, OffsetDateTime.now(clock))) {
                return new Answer.AlreadySettled(bookings.find(bookingId).orElseThrow());
            }
            Booking changed = bookings.find(bookingId).orElseThrow();
            notifier.changed(handle, changed, transition, message);
            return new Answer.Done(changed);
        });
    }

    /**
     * The state machine's one door: changes the booking's status only if it is still {@code transition.from()},
     * moves the specialist's hours to match, and audits it. False (nothing changed) when the booking had moved
     * on already.
     */
    private boolean move(Handle handle, Booking booking, BookingStatus.Transition transition, String actorId,
                         String reason, OffsetDateTime now) {
        if (handle.attach(BookingDao.class).changeStatus(booking.id(), transition.from().dbValue(),
                transition.to().dbValue(), actorId, reason, now) == 0) {
            return false;
        }
        String specialist = booking.specialistId();
        boolean hoursMoved = switch (transition.hours()) {
            case CONFIRM -> capacity.confirm(handle, specialist, booking.weekStart(), booking.minutes());
            case RELEASE_HELD -> capacity.release(handle, specialist, booking.weekStart(), booking.minutes());
            case RELEASE_BOOKED -> capacity.releaseBooked(handle, specialist, booking.weekStart(), booking.minutes());
        };
        if (!hoursMoved) {
            throw new IllegalStateException("Booking " + booking.id() + " (" + transition + "): the week of "
                    + booking.weekStart() + " does not hold its " + booking.minutes() + " minutes");
        }
        audit.record(handle, AuditLog.Change.of(actorId, transition.auditAction(), "booking", booking.id())
                .states(transition.from().dbValue(), transition.to().dbValue()).detail(reason));
        homes.refresh(handle, List.of(booking.specialistId(), booking.requesterId()));
        return true;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Reading

    public Optional<Booking> find(long bookingId) {
        return jdbi.withExtension(BookingDao.class, dao -> dao.find(bookingId));
    }

    /** A member's open bookings from this week on: those they made, and those of their time. */
    public record MyBookings(List<Booking> made, List<Booking> ofMyTime) {
        public boolean isEmpty() {
            return made.isEmpty() && ofMyTime.isEmpty();
        }
    }

    public static final int MY_BOOKINGS_LIMIT = 20;

    /** For {@code /pool bookings} and the App Home: open bookings both ways, soonest week first. */
    public MyBookings bookingsOf(String userId) {
        List<Booking> open = jdbi.withExtension(BookingDao.class, dao -> dao.openOf(userId,
                Weeks.thisWeek(clock, zone), MY_BOOKINGS_LIMIT));
        return new MyBookings(open.stream().filter(booking -> booking.isRequester(userId)).toList(),
                open.stream().filter(booking -> booking.isSpecialist(userId)).toList());
    }

    /** Accepted bookings of a week, for the hours-delivered job and the ledger. */
    public List<Booking> acceptedInWeek(LocalDate weekStart) {
        return jdbi.withExtension(BookingDao.class, dao -> dao.acceptedInWeek(weekStart));
    }

    // ---------------------------------------------------------------------------------------------------------
    // For the scheduler and other features

    /** What {@link #processUnanswered} did. */
    public record UnansweredRun(int reminded, int expired) {}

    /**
     * For the daily job: as of {@code now}, expires requests unanswered for {@link BookingTimeouts#expireAfter()}
     * (or whose week has ended), releasing their hours and telling both sides, then reminds specialists once of
     * requests unanswered for {@link BookingTimeouts#remindAfter()}. Each booking changes in its own transaction
     * by conditional updates, so running it twice, or on two instances at once, does each thing once.
     */
    public UnansweredRun processUnanswered(Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        BookingDao reader = jdbi.onDemand(BookingDao.class);
        int expired = 0;
        for (long id : reader.dueForExpiry(at.minus(timeouts.expireAfter()), Weeks.weekStart(now, zone))) {
            expired += each(id, "expire", handle -> expire(handle, id, at));
        }
        int reminded = 0;
        for (long id : reader.dueForReminder(at.minus(timeouts.remindAfter()))) {
            reminded += each(id, "remind", handle -> remind(handle, id, at));
        }
        return new UnansweredRun(reminded, expired);
    }

    private int each(long bookingId, String what, Function<Handle, Boolean> work) {
        try {
            return jdbi.inTransaction(work::apply) ? 1 : 0;
        } catch (RuntimeException e) {
            log.error("Could not {} booking {}", what, bookingId, e);
            return 0;
        }
    }

    private boolean expire(Handle handle, long bookingId, OffsetDateTime now) {
        BookingDao bookings = handle.attach(BookingDao.class);
        Optional<Booking> booking = bookings.find(bookingId);
        if (booking.isEmpty() || !move(handle, booking.get(), BookingStatus.Transition.EXPIRE, SYSTEM,
                "unanswered", now)) {
            return false;
        }
        notifier.changed(handle, bookings.find(bookingId).orElseThrow(), BookingStatus.Transition.EXPIRE,
                Optional.empty());
        return true;
    }

    private boolean remind(Handle handle, long bookingId, OffsetDateTime now) {
        BookingDao bookings = handle.attach(BookingDao.class);
        if (bookings.markReminded(bookingId, now) == 0) {
            return false;
        }
        Booking booking = bookings.find(bookingId).orElseThrow();
        audit.record(handle, AuditLog.Change.of(SYSTEM, "booking.reminded", "booking", bookingId)
                .detail("reminded " + booking.specialistId()));
        notifier.reminded(handle, booking, booking.createdAt().toInstant().plus(timeouts.expireAfter()));
        return true;
    }

    /**
     * For the council-suspension hook, in the suspension's transaction: tells both sides of every open booking of
     * this week or later that involves the council that it was suspended. The bookings are kept. Messages are
     * keyed by the suspension instant, so calling it again for the same suspension sends nothing twice. Returns
     * the number of bookings concerned.
     */
    public int tellCouncilSuspended(Handle handle, long councilId, Instant suspendedAt) {
        List<Booking> open = handle.attach(BookingDao.class).openInvolvingCouncil(councilId,
                Weeks.weekStart(suspendedAt, zone));
        open.forEach(booking -> {
            notifier.councilSuspended(handle, booking, councilId, suspendedAt);
            homes.refresh(handle, List.of(booking.specialistId(), booking.requesterId()));
        });
        return open.size();
    }

    /** As {@link #tellCouncilSuspended(Handle, long, Instant)}, in a transaction of its own. */
    public int tellCouncilSuspended(long councilId, Instant suspendedAt) {
        return jdbi.inTransaction(handle -> tellCouncilSuspended(handle, councilId, suspendedAt));
    }

    /**
     * For the availability feature, in the transaction that pauses a specialist or ends their permission: tells
     * the requesters of their open bookings of this week or later. The bookings stand (the specialist can still
     * answer requests). Returns the number of bookings concerned.
     */
    public int tellSpecialistUnlisted(Handle handle, String specialistId, BookingNotifier.Unlisted why, Instant at) {
        List<Booking> open = handle.attach(BookingDao.class).openOfSpecialist(specialistId, Weeks.weekStart(at, zone));
        open.forEach(booking -> notifier.specialistUnlisted(handle, booking, why, at));
        return open.size();
    }

    /**
     * What {@link #sendWeekDigest} did: the week's open bookings, the people who have some, and how many of those
     * were sent their digest by this run (the others had it already).
     */
    public record DigestRun(LocalDate weekStart, int bookings, int people, int sent) {}

    /**
     * For the Monday job: DMs everyone with an open booking (requested or accepted) in the week of {@code weekStart}
     * their bookings of that week, one message each whether they made them, are booked, or both. Each person's
     * message is queued in its own transaction, keyed by week and person, so running again in the same week sends
     * nothing twice.
     */
    public DigestRun sendWeekDigest(LocalDate weekStart) {
        List<Booking> open = jdbi.withExtension(BookingDao.class, dao -> dao.openInWeek(weekStart));
        Map<String, List<Booking>> byPerson = new LinkedHashMap<>();
        for (Booking booking : open) {
            byPerson.computeIfAbsent(booking.specialistId(), person -> new ArrayList<>()).add(booking);
            byPerson.computeIfAbsent(booking.requesterId(), person -> new ArrayList<>()).add(booking);
        }
        int sent = 0;
        for (Map.Entry<String, List<Booking>> person : byPerson.entrySet()) {
            String userId = person.getKey();
            MyBookings theirs = new MyBookings(
                    person.getValue().stream().filter(booking -> booking.isRequester(userId)).toList(),
                    person.getValue().stream().filter(booking -> booking.isSpecialist(userId)).toList());
            try {
                if (jdbi.inTransaction(handle -> notifier.weekDigest(handle, userId, weekStart, theirs))) {
                    sent++;
                }
            } catch (RuntimeException e) {
                log.error("Could not queue the digest of the week of {} for {}", weekStart, userId, e);
            }
        }
        return new DigestRun(weekStart, open.size(), byPerson.size(), sent);
    }

    // ---------------------------------------------------------------------------------------------------------

    static String describe(Booking booking) {
        return booking.status().dbValue() + ": " + Hours.format(booking.minutes()) + " of " + booking.specialistId()
                + " for " + booking.requesterId() + " in the week of " + booking.weekStart()
                + (booking.costCode() == null ? "" : ", cost code " + booking.costCode());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
