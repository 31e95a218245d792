package org.talentpool.ledger;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.talentpool.availability.Hours;
import org.talentpool.availability.Weeks;
import org.talentpool.council.CouncilRates;
import org.talentpool.home.HomeRefresher;
import org.talentpool.persistence.AuditLog;

/**
 * Hours delivered and the ledger: asking specialists for the hours they delivered for each accepted booking, the
 * requester's confirm or dispute, confirming automatically after {@link #CONFIRM_WITHIN}, admins settling disputes,
 * and pricing each confirmed entry at the provider council's hourly rate on the booking week's Monday
 * ({@link CouncilRates#rateAt}, {@link Money#amountPence}).
 *
 * <p>Every change is one conditional update of the entry ({@link EntryStatus.Transition}), its audit entry, the
 * messages it causes and the App Home refreshes, in one transaction: a retry or a double click changes nothing twice.
 * Hours may be reported from the Friday of the booking's week on (the Friday job asks then).
 */
public final class LedgerService {
    private static final Logger log = LoggerFactory.getLogger(LedgerService.class);
    /** The actor recorded for what nobody clicked (asking, auto-confirming). */
    public static final String SYSTEM = "system";
    /** A report neither confirmed nor disputed for this long is confirmed automatically. */
    public static final Duration CONFIRM_WITHIN = Duration.ofDays(14);
    /** How many weeks back the Friday job (and {@code /pool bookings}) look for bookings whose hours are not in. */
    public static final int REPORT_WINDOW_WEEKS = 8;
    public static final int MAX_TEXT = 500;
    /** Field names of the forms, so that errors land next to their field. */
    public static final String HOURS = "hours";
    public static final String NOTE = "note";
    public static final String REASON = "reason";
    static final int LIST_LIMIT = 20;
    static final int DISPUTES_LIMIT = 50;

    private final Jdbi jdbi;
    private final Clock clock;
    private final ZoneId zone;
    private final AuditLog audit;
    private final CouncilRates rates;
    private final LedgerNotifier notifier;
    private final HomeRefresher homes;

    public LedgerService(Jdbi jdbi, Clock clock, ZoneId zone, AuditLog audit, CouncilRates rates,
                         LedgerNotifier notifier, HomeRefresher homes) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.zone = zone;
        this.audit = audit;
        this.rates = rates;
        this.notifier = notifier;
        this.homes = homes;
    }

    /** The outcome of a step: done, or why nothing changed. */
    public sealed interface Answer {
        /** Changed; whoever needs to know is being told. */
        record Done(LedgerEntry entry) implements Answer {}

        /** Only {@code allowedUserId} (the specialist, or the requester) may do this. Nothing changed. */
        record NotYours(String allowedUserId) implements Answer {}

        /** The entry has moved on already (a double click, or someone else acted first). Nothing changed. */
        record AlreadySettled(LedgerEntry entry) implements Answer {}

        /** The booking's week has not reached its Friday yet. Nothing changed. */
        record TooEarly(LocalDate reportableFrom) implements Answer {}

        /** The booking was cancelled (or never accepted), so there are no hours to report. Nothing changed. */
        record NotAccepted(long bookingId) implements Answer {}

        /** Messages by field ({@link #HOURS}, {@link #NOTE}, {@link #REASON}). Nothing changed. */
        record Invalid(Map<String, String> errors) implements Answer {}

        record NotFound() implements Answer {}

        /** Only from the checks made before opening a form: the step may be taken now. */
        record MayReport(long bookingId, String requesterId, LocalDate weekStart, int bookedMinutes)
                implements Answer {}

        record MayDispute(LedgerEntry entry) implements Answer {}
    }

    // ---------------------------------------------------------------------------------------------------------
    // Asking (the Friday job)

    /** What one run of the Friday job did. */
    public record AskRun(LocalDate fromWeek, LocalDate toWeek, int asked) {}

    /**
     * As of {@code asOf}: asks the specialist of every accepted booking whose week has reached its Friday (within the
     * last {@link #REPORT_WINDOW_WEEKS} weeks) and who has not been asked yet. Each booking is asked about in its own
     * transaction, and only once, however often or wherever this runs.
     */
    public AskRun askForHoursDelivered(Instant asOf) {
        LocalDate toWeek = lastReportableWeek(asOf.atZone(zone).toLocalDate());
        LocalDate fromWeek = toWeek.minusWeeks(REPORT_WINDOW_WEEKS - 1L);
        OffsetDateTime now = OffsetDateTime.now(clock);
        int asked = 0;
        for (long bookingId : jdbi.withExtension(LedgerDao.class, dao -> dao.notAsked(fromWeek, toWeek))) {
            asked += each(bookingId, "ask about", handle -> ask(handle, bookingId, SYSTEM, now).isPresent());
        }
        return new AskRun(fromWeek, toWeek, asked);
    }

    /** Creates the entry of a locked, accepted booking that has none and tells the specialist; empty otherwise. */
    private Optional<LedgerEntry> ask(Handle handle, long bookingId, String actor, OffsetDateTime now) {
        LedgerDao entries = handle.attach(LedgerDao.class);
        Optional<LedgerDao.BookingRow> booking = entries.lockBooking(bookingId);
        if (booking.isEmpty() || entries.insertAsked(bookingId, now) == 0) {
            return Optional.empty();
        }
        LedgerEntry entry = entries.find(bookingId).orElseThrow();
        audit.record(handle, AuditLog.Change.of(actor, "ledger.asked", "ledger_entry", bookingId)
                .states(null, describe(entry)));
        if (SYSTEM.equals(actor)) {
            notifier.asked(handle, entry);
        }
        refresh(handle, entry.specialistId());
        return Optional.of(entry);
    }

    /** The Monday of the latest week whose Friday is on or before {@code today}. */
    static LocalDate lastReportableWeek(LocalDate today) {
        LocalDate thisWeek = Weeks.weekStart(today);
        return today.isBefore(reportableFrom(thisWeek)) ? thisWeek.minusWeeks(1) : thisWeek;
    }

    /** Hours of a week may be reported from its Friday on. */
    static LocalDate reportableFrom(LocalDate weekStart) {
        return weekStart.with(DayOfWeek.FRIDAY);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Reporting (the specialist)

    /** Whether {@code actorId} may report the hours of the booking now, before opening the form. */
    public Answer checkReport(long bookingId, String actorId) {
        return jdbi.withHandle(handle -> {
            LedgerDao entries = handle.attach(LedgerDao.class);
            Optional<LedgerDao.BookingRow> booking = entries.booking(bookingId);
            return booking.map(found -> reportRefusal(found, entries.find(bookingId), actorId)
                            .orElse(new Answer.MayReport(bookingId, found.requesterId(), found.weekStart(),
                                    found.minutes())))
                    .orElse(new Answer.NotFound());
        });
    }

    private Optional<Answer> reportRefusal(LedgerDao.BookingRow booking, Optional<LedgerEntry> entry,
                                           String actorId) {
        if (!booking.specialistId().equals(actorId)) {
            return Optional.of(new Answer.NotYours(booking.specialistId()));
        }
        if (entry.isPresent() && entry.get().status() != EntryStatus.ASKED) {
            return Optional.of(new Answer.AlreadySettled(entry.get()));
        }
        if (!booking.accepted()) {
            return Optional.of(new Answer.NotAccepted(booking.id()));
        }
        if (Weeks.today(clock, zone).isBefore(reportableFrom(booking.weekStart()))) {
            return Optional.of(new Answer.TooEarly(reportableFrom(booking.weekStart())));
        }
        return Optional.empty();
    }

    /**
     * The specialist gives the hours delivered ({@code hours} as typed, {@link DeliveredHours}) with a note, required
     * when they differ from the booked hours. The requester is then asked to confirm or dispute them.
     */
    public Answer report(long bookingId, String actorId, String hours, String note) {
        Map<String, String> errors = new LinkedHashMap<>();
        Hours.Parsed parsed = DeliveredHours.parse(hours);
        if (parsed instanceof Hours.Parsed.Invalid invalid) {
            errors.put(HOURS, invalid.reason());
        }
        String cleanNote = clean(note);
        textError(cleanNote, "note").ifPresent(error -> errors.put(NOTE, error));
        if (!errors.isEmpty()) {
            return new Answer.Invalid(errors);
        }
        int delivered = ((Hours.Parsed.Minutes) parsed).minutes();
        return jdbi.inTransaction(handle -> {
            LedgerDao entries = handle.attach(LedgerDao.class);
            Optional<LedgerDao.BookingRow> booking = entries.lockBooking(bookingId);
            if (booking.isEmpty()) {
                return new Answer.NotFound();
            }
            Optional<Answer> refused = reportRefusal(booking.get(), entries.find(bookingId), actorId);
            if (refused.isPresent()) {
                return refused.get();
            }
            if (delivered != booking.get().minutes() && cleanNote == null) {
                return new Answer.Invalid(Map.of(NOTE, "Say briefly why this differs from the "
                        + Hours.format(booking.get().minutes()) + " booked: the requester will see it."));
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            if (entries.find(bookingId).isEmpty()) {
                ask(handle, bookingId, actorId, now);
            }
            if (entries.report(bookingId, actorId, delivered, cleanNote, now) == 0) {
                return new Answer.AlreadySettled(entries.find(bookingId).orElseThrow());
            }
            LedgerEntry entry = entries.find(bookingId).orElseThrow();
            audit(handle, actorId, EntryStatus.Transition.REPORT, entry, cleanNote);
            notifier.reported(handle, entry);
            refresh(handle, entry.specialistId(), entry.requesterId());
            return new Answer.Done(entry);
        });
    }

    // ---------------------------------------------------------------------------------------------------------
    // Confirming or disputing (the requester)

    /** The requester confirms the reported hours: the entry is priced and counts in its month's statement. */
    public Answer confirm(long bookingId, String actorId) {
        return jdbi.inTransaction(handle -> {
            Optional<LedgerEntry> found = handle.attach(LedgerDao.class).find(bookingId);
            if (found.isEmpty()) {
                return new Answer.NotFound();
            }
            Optional<Answer> refused = requesterRefusal(found.get(), actorId);
            if (refused.isPresent()) {
                return refused.get();
            }
            return confirmReported(handle, found.get(), actorId, LedgerEntry.BY_REQUESTER,
                    EntryStatus.Transition.CONFIRM);
        });
    }

    /** Whether {@code actorId} may dispute the hours now, before opening the form asking why. */
    public Answer checkDispute(long bookingId, String actorId) {
        Optional<LedgerEntry> found = find(bookingId);
        if (found.isEmpty()) {
            return new Answer.NotFound();
        }
        return requesterRefusal(found.get(), actorId).orElse(new Answer.MayDispute(found.get()));
    }

    /** The requester disputes the reported hours, saying why; admins settle it. */
    public Answer dispute(long bookingId, String actorId, String reason) {
        String cleanReason = clean(reason);
        if (cleanReason == null) {
            return new Answer.Invalid(Map.of(REASON, "Say what is wrong with the hours: the specialist and the"
                    + " community admins will see it."));
        }
        Optional<String> tooLong = textError(cleanReason, "reason");
        if (tooLong.isPresent()) {
            return new Answer.Invalid(Map.of(REASON, tooLong.get()));
        }
        return jdbi.inTransaction(handle -> {
            LedgerDao entries = handle.attach(LedgerDao.class);
            Optional<LedgerEntry> found = entries.find(bookingId);
            if (found.isEmpty()) {
                return new Answer.NotFound();
            }
            Optional<Answer> refused = requesterRefusal(found.get(), actorId);
            if (refused.isPresent()) {
                return refused.get();
            }
            if (entries.dispute(bookingId, actorId, cleanReason, OffsetDateTime.now(clock)) == 0) {
                return new Answer.AlreadySettled(entries.find(bookingId).orElseThrow());
            }
            LedgerEntry entry = entries.find(bookingId).orElseThrow();
            audit(handle, actorId, EntryStatus.Transition.DISPUTE, entry, cleanReason);
            notifier.disputed(handle, entry);
            refresh(handle, entry.specialistId(), entry.requesterId());
            return new Answer.Done(entry);
        });
    }

    private static Optional<Answer> requesterRefusal(LedgerEntry entry, String actorId) {
        if (!entry.isRequester(actorId)) {
            return Optional.of(new Answer.NotYours(entry.requesterId()));
        }
        if (entry.status() != EntryStatus.REPORTED) {
            return Optional.of(new Answer.AlreadySettled(entry));
        }
        return Optional.empty();
    }

    /** Confirms an entry still 'reported', priced at the rate of its week; AlreadySettled when it moved on. */
    private Answer confirmReported(Handle handle, LedgerEntry entry, String actor, String how,
                                   EntryStatus.Transition transition) {
        LedgerDao entries = handle.attach(LedgerDao.class);
        int minutes = entry.reportedMinutes();
        OptionalInt rate = rates.rateAt(entry.providerCouncilId(), entry.weekStart());
        Integer ratePence = rate.isPresent() ? rate.getAsInt() : null;
        Long amount = rate.isPresent() ? Money.amountPence(minutes, rate.getAsInt()) : null;
        if (entries.confirm(entry.bookingId(), minutes, actor, how, ratePence, amount, OffsetDateTime.now(clock))
                == 0) {
            return new Answer.AlreadySettled(entries.find(entry.bookingId()).orElseThrow());
        }
        LedgerEntry confirmed = entries.find(entry.bookingId()).orElseThrow();
        audit(handle, actor, transition, confirmed, null);
        if (transition == EntryStatus.Transition.AUTO_CONFIRM) {
            notifier.autoConfirmed(handle, confirmed);
        } else {
            notifier.confirmed(handle, confirmed);
        }
        refresh(handle, confirmed.specialistId(), confirmed.requesterId());
        return new Answer.Done(confirmed);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Confirming automatically (the daily job)

    /**
     * As of {@code now}: confirms every entry reported at least {@link #CONFIRM_WITHIN} ago and neither confirmed nor
     * disputed since, telling both sides. Each entry in its own transaction, by a conditional update, so running this
     * twice, or on two instances at once, confirms each entry once. Returns how many were confirmed.
     */
    public int confirmUnanswered(Instant now) {
        OffsetDateTime reportedBy = now.minus(CONFIRM_WITHIN).atOffset(ZoneOffset.UTC);
        int confirmed = 0;
        for (long bookingId : jdbi.withExtension(LedgerDao.class, dao -> dao.dueForAutoConfirmation(reportedBy))) {
            confirmed += each(bookingId, "auto-confirm", handle -> {
                Optional<LedgerEntry> entry = handle.attach(LedgerDao.class).find(bookingId);
                return entry.isPresent() && entry.get().status() == EntryStatus.REPORTED
                        && !entry.get().reportedAt().isAfter(reportedBy)
                        && confirmReported(handle, entry.get(), SYSTEM, LedgerEntry.AUTOMATICALLY,
                        EntryStatus.Transition.AUTO_CONFIRM) instanceof Answer.Done;
            });
        }
        return confirmed;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Disputes (admins)

    /** Open disputes, oldest first (at most {@value #DISPUTES_LIMIT}). */
    public List<LedgerEntry> disputes() {
        return jdbi.withExtension(LedgerDao.class, dao -> dao.disputed(DISPUTES_LIMIT));
    }

    /**
     * An admin settles a dispute: with the hours the specialist reported ({@code minutes} empty) or the hours they
     * decided, and an optional note both sides see.
     */
    public Answer resolve(long bookingId, String adminId, OptionalInt minutes, String note) {
        String cleanNote = clean(note);
        Optional<String> tooLong = textError(cleanNote, "note");
        if (tooLong.isPresent()) {
            return new Answer.Invalid(Map.of(NOTE, tooLong.get()));
        }
        if (minutes.isPresent() && (minutes.getAsInt() < 0 || minutes.getAsInt() > Hours.MAX_MINUTES)) {
            return new Answer.Invalid(Map.of(HOURS, "Give from 0 to 37.5 hours."));
        }
        return jdbi.inTransaction(handle -> {
            LedgerDao entries = handle.attach(LedgerDao.class);
            Optional<LedgerEntry> found = entries.find(bookingId);
            if (found.isEmpty()) {
                return new Answer.NotFound();
            }
            LedgerEntry entry = found.get();
            if (entry.status() != EntryStatus.DISPUTED) {
                return new Answer.AlreadySettled(entry);
            }
            int settled = minutes.orElse(entry.reportedMinutes());
            OptionalInt rate = rates.rateAt(entry.providerCouncilId(), entry.weekStart());
            if (entries.resolve(bookingId, settled, adminId, cleanNote,
                    rate.isPresent() ? rate.getAsInt() : null,
                    rate.isPresent() ? Money.amountPence(settled, rate.getAsInt()) : null,
                    OffsetDateTime.now(clock)) == 0) {
                return new Answer.AlreadySettled(entries.find(bookingId).orElseThrow());
            }
            LedgerEntry resolved = entries.find(bookingId).orElseThrow();
            audit(handle, adminId, EntryStatus.Transition.RESOLVE, resolved, cleanNote);
            notifier.resolved(handle, resolved);
            refresh(handle, resolved.specialistId(), resolved.requesterId());
            return new Answer.Done(resolved);
        });
    }

    /** What repricing a month did: entries priced now, and those whose council still had no rate for their week. */
    public record Repriced(int priced, int stillMissing) {}

    /**
     * Prices the month's confirmed entries that had no rate when they were confirmed, at the rate now recorded for
     * their week (an admin set one afterwards with {@code /pool-admin rate … from …}). Audited per entry.
     */
    public Repriced reprice(YearMonth month, String adminId) {
        List<LedgerEntry> unpriced = jdbi.withExtension(LedgerDao.class,
                dao -> dao.unpriced(month.atDay(1), month.plusMonths(1).atDay(1)));
        int priced = 0;
        for (LedgerEntry entry : unpriced) {
            OptionalInt rate = rates.rateAt(entry.providerCouncilId(), entry.weekStart());
            if (rate.isEmpty()) {
                continue;
            }
            int minutes = entry.confirmedMinutes();
            long amount = Money.amountPence(minutes, rate.getAsInt());
            priced += each(entry.bookingId(), "reprice", handle -> {
                if (handle.attach(LedgerDao.class).price(entry.bookingId(), minutes, rate.getAsInt(), amount) == 0) {
                    return false;
                }
                audit.record(handle, AuditLog.Change.of(adminId, "ledger.priced", "ledger_entry", entry.bookingId())
                        .states("no rate", Money.format(rate.getAsInt()) + "/h: " + Money.format(amount)));
                return true;
            });
        }
        return new Repriced(priced, unpriced.size() - priced);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Reading

    public Optional<LedgerEntry> find(long bookingId) {
        return jdbi.withExtension(LedgerDao.class, dao -> dao.find(bookingId));
    }

    /** The specialist's entries waiting for their hours (App Home). */
    public List<LedgerEntry> awaitingReport(String userId) {
        return jdbi.withExtension(LedgerDao.class, dao -> dao.awaitingReport(userId, LIST_LIMIT));
    }

    /** The requester's entries waiting for their confirm or dispute (App Home). */
    public List<LedgerEntry> awaitingConfirmation(String userId) {
        return jdbi.withExtension(LedgerDao.class, dao -> dao.awaitingConfirmation(userId, LIST_LIMIT));
    }

    /**
     * For {@code /pool bookings}: the specialist's accepted bookings whose week has reached its Friday (in the last
     * {@link #REPORT_WINDOW_WEEKS} weeks) and whose hours they have not reported yet.
     */
    public List<LedgerDao.AcceptedBooking> unreported(String userId) {
        LocalDate toWeek = lastReportableWeek(Weeks.today(clock, zone));
        return jdbi.withExtension(LedgerDao.class, dao -> dao.unreported(userId,
                toWeek.minusWeeks(REPORT_WINDOW_WEEKS - 1L), toWeek, LIST_LIMIT));
    }

    /** When a reported entry will be confirmed unless the requester answers. */
    public static Instant autoConfirmsAt(LedgerEntry entry) {
        return entry.reportedAt().toInstant().plus(CONFIRM_WITHIN);
    }

    // ---------------------------------------------------------------------------------------------------------

    private int each(long bookingId, String what, Function<Handle, Boolean> work) {
        try {
            return jdbi.inTransaction(work::apply) ? 1 : 0;
        } catch (RuntimeException e) {
            log.error("Could not {} ledger entry {}", what, bookingId, e);
            return 0;
        }
    }

    private void audit(Handle handle, String actor, EntryStatus.Transition transition, LedgerEntry entry,
                       String detail) {
        audit.record(handle, AuditLog.Change.of(actor, transition.auditAction(), "ledger_entry", entry.bookingId())
                .states(transition.from().dbValue(), describe(entry)).detail(detail));
    }

    private void refresh(Handle handle, String... userIds) {
        List<String> people = new ArrayList<>();
        for (String userId : userIds) {
            if (!Tombstones.isTombstone(userId)) {
                people.add(userId);
            }
        }
        homes.refresh(handle, people);
    }

    static String describe(LedgerEntry entry) {
        StringBuilder text = new StringBuilder(entry.status().dbValue()).append(": booked ")
                .append(Hours.format(entry.bookedMinutes()));
        if (entry.reportedMinutes() != null) {
            text.append(", reported ").append(Hours.format(entry.reportedMinutes()));
        }
        if (entry.confirmedMinutes() != null) {
            text.append(", confirmed ").append(Hours.format(entry.confirmedMinutes()));
            text.append(entry.ratePence() == null ? ", no rate"
                    : " at " + Money.format(entry.ratePence()) + "/h = " + Money.format(entry.amountPence()));
        }
        return text.append(", week of ").append(entry.weekStart()).toString();
    }

    private static String clean(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static Optional<String> textError(String text, String what) {
        if (text != null && text.length() > MAX_TEXT) {
            return Optional.of("Keep the " + what + " to " + MAX_TEXT + " characters (it has " + text.length() + ").");
        }
        return Optional.empty();
    }
}
