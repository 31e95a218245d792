package org.talentpool.availability;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.talentpool.persistence.Database;

/**
 * The weekly capacity model that offering, booking, search and the weekly reset share: per specialist a
 * default number of minutes a week, and per ISO week ({@code weekStart} = the Monday in POOL_TIMEZONE) a
 * row with offered, held and booked minutes. A week's row is created from the default the first time anyone
 * asks for it ("materialised"), so callers never need to know whether it exists.
 *
 * <p>No overbooking: {@code held + booked <= offered} is a CHECK constraint, and every change is a single
 * conditional UPDATE, so concurrent callers cannot overbook whatever their timing. Methods taking a
 * {@link Handle} join the caller's transaction (for example, a booking and its hold commit together).
 */
public final class WeeklyCapacity {
    private final Jdbi jdbi;
    private final Clock clock;
    private final ZoneId zone;
    private final ListingIndex listing;

    public WeeklyCapacity(Jdbi jdbi, Clock clock, ZoneId zone) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.zone = zone;
        this.listing = new ListingIndex(jdbi, clock, zone);
    }

    /** What search ranks on, refreshed here with every change of a specialist's hours or listing. */
    public ListingIndex listing() {
        return listing;
    }

    /** The Monday of the current week in the pool's time zone. */
    public LocalDate thisWeek() {
        return Weeks.thisWeek(clock, zone);
    }

    /** The Monday of next week in the pool's time zone. */
    public LocalDate nextWeek() {
        return Weeks.nextWeek(clock, zone);
    }

    /** The outcome of {@link #setOffered}: the week as changed, or refused because it is below held + booked. */
    public sealed interface OfferChange {
        WeekCapacity week();

        record Changed(WeekCapacity week) implements OfferChange {}

        /** Nothing changed: {@code requestedMinutes} is below the {@code week}'s held + booked minutes. */
        record BelowCommitted(WeekCapacity week, int requestedMinutes) implements OfferChange {}
    }

    /**
     * Thrown inside a transaction to roll it back when a change would take a week below what is held and
     * booked; carries the numbers for the reply.
     */
    public static final class BelowCommittedException extends RuntimeException {
        private final transient OfferChange.BelowCommitted refusal;

        public BelowCommittedException(OfferChange.BelowCommitted refusal) {
            super("Offer of " + refusal.requestedMinutes() + " min for " + refusal.week().weekStart()
                    + " is below the " + refusal.week().committedMinutes() + " min held and booked");
            this.refusal = refusal;
        }

        public OfferChange.BelowCommitted refusal() {
            return refusal;
        }
    }

    /** Hours offered, held, booked and left for a specialist's week; empty if they have no profile. */
    public Optional<WeekCapacity> capacity(String specialistId, LocalDate weekStart) {
        return jdbi.inTransaction(handle -> capacity(handle, specialistId, weekStart));
    }

    /** As {@link #capacity(String, LocalDate)}, in the caller's transaction. */
    public Optional<WeekCapacity> capacity(Handle handle, String specialistId, LocalDate weekStart) {
        materialise(handle, specialistId, weekStart);
        return handle.attach(CapacityDao.class).find(specialistId, weekStart);
    }

    /** The capacity of many specialists for one week (e.g. a page of search results), by specialist. */
    public List<WeekCapacity> capacities(Collection<String> specialistIds, LocalDate weekStart) {
        if (specialistIds.isEmpty()) {
            return List.of();
        }
        return jdbi.inTransaction(handle -> {
            for (String specialistId : new LinkedHashSet<>(specialistIds)) {
                materialise(handle, specialistId, weekStart);
            }
            return handle.attach(CapacityDao.class).findAll(specialistIds, weekStart);
        });
    }

    /**
     * Holds minutes for a pending booking if that many are left; false (and nothing changed) otherwise,
     * or when the specialist has no profile.
     */
    public boolean hold(Handle handle, String specialistId, LocalDate weekStart, int minutes) {
        requirePositive(minutes);
        materialise(handle, specialistId, weekStart);
        return changed(handle, specialistId, handle.attach(CapacityDao.class).hold(specialistId, weekStart, minutes));
    }

    /** Gives held minutes back (a request declined, cancelled or expired); false if fewer are held. */
    public boolean release(Handle handle, String specialistId, LocalDate weekStart, int minutes) {
        requirePositive(minutes);
        return changed(handle, specialistId, handle.attach(CapacityDao.class).release(specialistId, weekStart,
                minutes));
    }

    /** Turns held minutes into booked ones (the specialist accepted); false if fewer are held. */
    public boolean confirm(Handle handle, String specialistId, LocalDate weekStart, int minutes) {
        requirePositive(minutes);
        return changed(handle, specialistId, handle.attach(CapacityDao.class).confirm(specialistId, weekStart,
                minutes));
    }

    /** Gives booked minutes back (a confirmed booking cancelled); false if fewer are booked. */
    public boolean releaseBooked(Handle handle, String specialistId, LocalDate weekStart, int minutes) {
        requirePositive(minutes);
        return changed(handle, specialistId, handle.attach(CapacityDao.class).releaseBooked(specialistId, weekStart,
                minutes));
    }

    /**
     * Sets what a specialist offers in one week, overriding their default for that week only. Refused,
     * with the numbers, when below what is held and booked. The offer is capped by the manager's permission
     * (see {@link WeekCapacity#capped()}); raising the permission is the caller's business.
     * Empty when the specialist has no profile.
     */
    public Optional<OfferChange> setOffered(Handle handle, String specialistId, LocalDate weekStart, int minutes) {
        requireValid(minutes);
        materialise(handle, specialistId, weekStart);
        CapacityDao weeks = handle.attach(CapacityDao.class);
        if (weeks.find(specialistId, weekStart).isEmpty()) {
            return Optional.empty();
        }
        if (weeks.setRequested(specialistId, weekStart, minutes, true) == 0) {
            WeekCapacity current = weeks.find(specialistId, weekStart).orElseThrow();
            return Optional.of(new OfferChange.BelowCommitted(current, minutes));
        }
        weeks.refreshOffers(specialistId, weekStart);
        listing.refresh(handle, specialistId);
        return Optional.of(new OfferChange.Changed(weeks.find(specialistId, weekStart).orElseThrow()));
    }

    /**
     * Applies a new default (already saved on the specialist) from {@code fromWeek} on: that week takes the
     * default even if it was overridden; later weeks take it unless overridden. Throws
     * {@link BelowCommittedException} (roll back) when a week would go below its held and booked minutes.
     */
    void applyDefault(Handle handle, String specialistId, LocalDate fromWeek, int minutes) {
        requireValid(minutes);
        CapacityDao weeks = handle.attach(CapacityDao.class);
        materialise(handle, specialistId, fromWeek);
        materialise(handle, specialistId, fromWeek.plusWeeks(1));
        for (LocalDate week : weeks.weeksFrom(specialistId, fromWeek)) {
            WeekCapacity row = weeks.find(specialistId, week).orElseThrow();
            if (row.overridden() && !week.equals(fromWeek)) {
                continue;
            }
            if (weeks.setRequested(specialistId, week, minutes, false) == 0) {
                throw new BelowCommittedException(new OfferChange.BelowCommitted(
                        weeks.find(specialistId, week).orElseThrow(), minutes));
            }
        }
        weeks.refreshOffersFrom(specialistId, fromWeek);
        listing.refresh(handle, specialistId);
    }

    /**
     * Recomputes a specialist's offers from a week on, after their permission or pause changed. Never
     * refuses: offers are kept at least at what is held and booked.
     */
    public void refresh(Handle handle, String specialistId, LocalDate fromWeek) {
        materialise(handle, specialistId, fromWeek);
        handle.attach(CapacityDao.class).refreshOffersFrom(specialistId, fromWeek);
        listing.refresh(handle, specialistId);
    }

    /** True when one row changed, after refreshing the specialist's listing rows. */
    private boolean changed(Handle handle, String specialistId, int rows) {
        if (rows != 1) {
            return false;
        }
        listing.refresh(handle, specialistId);
        return true;
    }

    /** What {@link #resetWeek} did: rows created for specialists new to the week, rows it had that it changed. */
    public record WeekReset(LocalDate weekStart, int created, int changed) {}

    /**
     * Starts a week afresh for every specialist, in two set-based statements (for the Monday job): every row the
     * week has recomputed from the default (unless overridden for that week), the permission and the pause, and
     * written where that changes it; then a row, computed the same way, for each specialist without one. Nothing
     * carries over from earlier weeks. Idempotent: running it twice leaves the same rows. On PostgreSQL without
     * its JIT compiler ({@link #withoutJit}).
     */
    public WeekReset resetWeek(LocalDate weekStart) {
        requireMonday(weekStart);
        return jdbi.inTransaction(handle -> {
            withoutJit(handle);
            CapacityDao weeks = handle.attach(CapacityDao.class);
            int changed = weeks.refreshChangedOffers(weekStart);
            int created = weeks.insertWeekForAll(weekStart);
            return new WeekReset(weekStart, created, changed);
        });
    }

    /**
     * For the rest of {@code handle}'s transaction, on PostgreSQL, no JIT compiling: {@link #resetWeek}'s statements
     * are estimated costly enough to start it, and compiling took 0.14-0.19 s of their 2 s.
     */
    public static void withoutJit(Handle handle) {
        if (Database.kindOf(handle) == Database.Kind.POSTGRESQL) {
            handle.execute("SET LOCAL jit = off");
        }
    }

    /** Every row of a week, for jobs and reports. */
    public List<WeekCapacity> week(LocalDate weekStart) {
        return jdbi.withExtension(CapacityDao.class, dao -> dao.findWeek(weekStart));
    }

    /** Creates the week's row from the default if the specialist has a profile and the row is missing. */
    private static void materialise(Handle handle, String specialistId, LocalDate weekStart) {
        requireMonday(weekStart);
        CapacityDao weeks = handle.attach(CapacityDao.class);
        if (weeks.insertWeek(specialistId, weekStart) == 1) {
            weeks.refreshOffers(specialistId, weekStart);
        }
    }

    private static void requireMonday(LocalDate weekStart) {
        if (!Weeks.weekStart(weekStart).equals(weekStart)) {
            throw new IllegalArgumentException("weekStart must be a Monday, got " + weekStart);
        }
    }

    private static void requirePositive(int minutes) {
        if (minutes <= 0) {
            throw new IllegalArgumentException("minutes must be positive, got " + minutes);
        }
    }

    private static void requireValid(int minutes) {
        if (minutes < 0 || minutes > Hours.MAX_MINUTES || minutes % Hours.STEP_MINUTES != 0) {
            throw new IllegalArgumentException("minutes must be 0-" + Hours.MAX_MINUTES + " in steps of "
                    + Hours.STEP_MINUTES + ", got " + minutes);
        }
    }
}
