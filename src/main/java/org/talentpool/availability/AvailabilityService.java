package org.talentpool.availability;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.talentpool.home.HomeRefresher;
import org.talentpool.persistence.AuditLog;

/**
 * The {@code /available} hour forms, pause, resume and status. Each change locks the specialist's row,
 * changes capacity with conditional updates, asks the manager again when hours go above the approved cap,
 * and is audited, all in one transaction, which also asks for the specialist's App Home to be published again.
 * Pausing tells the {@link ListingListener} (the requesters of open bookings are told).
 */
public final class AvailabilityService {
    private final Jdbi jdbi;
    private final Clock clock;
    private final ZoneId zone;
    private final AuditLog audit;
    private final WeeklyCapacity capacity;
    private final PermissionService permissions;
    private final HomeRefresher homes;
    private final ListingListener listing;

    public AvailabilityService(Jdbi jdbi, Clock clock, ZoneId zone, AuditLog audit, WeeklyCapacity capacity,
                               PermissionService permissions, HomeRefresher homes, ListingListener listing) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.zone = zone;
        this.audit = audit;
        this.capacity = capacity;
        this.permissions = permissions;
        this.homes = homes;
        this.listing = listing;
    }

    /** Which week a one-week change is for. */
    public enum WeekChoice { THIS_WEEK, NEXT_WEEK }

    /** The outcome of a change of hours, pause or resume. */
    public sealed interface Outcome {
        /** Changed (or, for pause/resume, {@code changed} false when it already was so). */
        record Done(AvailabilitySummary summary, boolean changed, Optional<Permission> askedManager)
                implements Outcome {}

        /** Refused: the week has more held and booked than the hours asked for. Nothing changed. */
        record BelowCommitted(WeeklyCapacity.OfferChange.BelowCommitted refusal, AvailabilitySummary summary)
                implements Outcome {}

        /** The member has no profile yet. */
        record NoProfile() implements Outcome {}
    }

    /** {@code /available 4}: the default from this week on. */
    public Outcome setDefault(String userId, int minutes) {
        try {
            return jdbi.inTransaction(handle -> {
                Optional<Specialist> locked = handle.attach(SpecialistDao.class).lock(userId);
                if (locked.isEmpty()) {
                    return new Outcome.NoProfile();
                }
                Specialist before = locked.get();
                handle.attach(SpecialistDao.class).updateDefault(userId, minutes, OffsetDateTime.now(clock));
                capacity.applyDefault(handle, userId, thisWeek(), minutes);
                Specialist after = handle.attach(SpecialistDao.class).lock(userId).orElseThrow();
                Optional<Permission> asked = permissions.askIfNeeded(handle, after, minutes, false, skills(handle, userId));
                audit.record(handle, AuditLog.Change.of(userId, "hours.default_changed", "specialist", userId)
                        .states(Hours.format(before.defaultMinutes()), Hours.format(minutes)));
                homes.refresh(handle, userId);
                return new Outcome.Done(summary(handle, userId), true, asked);
            });
        } catch (WeeklyCapacity.BelowCommittedException e) {
            return new Outcome.BelowCommitted(e.refusal(), status(userId).orElseThrow());
        }
    }

    /** {@code /available 2 next week}: one week only. */
    public Outcome setWeek(String userId, WeekChoice choice, int minutes) {
        LocalDate week = choice == WeekChoice.THIS_WEEK ? thisWeek() : thisWeek().plusWeeks(1);
        return jdbi.inTransaction(handle -> {
            Optional<Specialist> locked = handle.attach(SpecialistDao.class).lock(userId);
            if (locked.isEmpty()) {
                return new Outcome.NoProfile();
            }
            WeekCapacity before = capacity.capacity(handle, userId, week).orElseThrow();
            WeeklyCapacity.OfferChange change = capacity.setOffered(handle, userId, week, minutes).orElseThrow();
            if (change instanceof WeeklyCapacity.OfferChange.BelowCommitted refused) {
                return new Outcome.BelowCommitted(refused, summary(handle, userId));
            }
            Optional<Permission> asked = permissions.askIfNeeded(handle, locked.get(), minutes, false,
                    skills(handle, userId));
            audit.record(handle, AuditLog.Change.of(userId, "hours.week_changed", "specialist_week",
                    userId + "/" + week).states(describe(before), describe(change.week())));
            homes.refresh(handle, userId);
            return new Outcome.Done(summary(handle, userId), true, asked);
        });
    }

    /**
     * The week a button names (its Monday), as this week or next; empty when it is neither (the week is over, or
     * the button is older than a week).
     */
    public Optional<WeekChoice> weekChoice(LocalDate weekStart) {
        LocalDate thisWeek = thisWeek();
        if (thisWeek.equals(weekStart)) {
            return Optional.of(WeekChoice.THIS_WEEK);
        }
        return thisWeek.plusWeeks(1).equals(weekStart) ? Optional.of(WeekChoice.NEXT_WEEK) : Optional.empty();
    }

    /** {@code /available pause}: not listed, nothing more can be held; the profile stays. */
    public Outcome pause(String userId) {
        return setPaused(userId, true);
    }

    /** {@code /available resume}: listed again (with permission), offering the usual hours. */
    public Outcome resume(String userId) {
        return setPaused(userId, false);
    }

    private Outcome setPaused(String userId, boolean paused) {
        return jdbi.inTransaction(handle -> {
            SpecialistDao specialists = handle.attach(SpecialistDao.class);
            if (specialists.lock(userId).isEmpty()) {
                return new Outcome.NoProfile();
            }
            boolean changed = specialists.setPaused(userId, paused, OffsetDateTime.now(clock)) == 1;
            if (changed) {
                capacity.refresh(handle, userId, thisWeek());
                audit.record(handle, AuditLog.Change.of(userId, paused ? "availability.paused" : "availability.resumed",
                        "specialist", userId).states(paused ? "listed" : "paused", paused ? "paused" : "listed"));
                if (paused) {
                    listing.unlisted(handle, userId, ListingListener.Reason.PAUSED, clock.instant());
                }
                homes.refresh(handle, userId);
            }
            return new Outcome.Done(summary(handle, userId), changed, Optional.empty());
        });
    }

    /** Whether a change of the Monday nudge setting was made. */
    public enum NudgeChange { CHANGED, ALREADY, NO_PROFILE }

    /** {@code /available nudges on|off} and the nudge's button: the Monday nudge when offering no hours. */
    public NudgeChange setNudges(String userId, boolean on) {
        return jdbi.inTransaction(handle -> {
            SpecialistDao specialists = handle.attach(SpecialistDao.class);
            if (specialists.lock(userId).isEmpty()) {
                return NudgeChange.NO_PROFILE;
            }
            if (specialists.setNudges(userId, on, OffsetDateTime.now(clock)) == 0) {
                return NudgeChange.ALREADY;
            }
            audit.record(handle, AuditLog.Change.of(userId, on ? "availability.nudges_on" : "availability.nudges_off",
                    "specialist", userId).states(on ? "off" : "on", on ? "on" : "off"));
            homes.refresh(handle, userId);
            return NudgeChange.CHANGED;
        });
    }

    /** Whether the specialist gets the Monday nudge; empty without a profile. */
    public Optional<Boolean> nudges(String userId) {
        return jdbi.withExtension(SpecialistDao.class, dao -> dao.nudges(userId));
    }

    /**
     * {@code /available status}; empty when the member has no profile. Reading needs no transaction; a week without
     * its row yet is materialised in one, and everything read again in it.
     */
    public Optional<AvailabilitySummary> status(String userId) {
        return jdbi.withHandle(handle -> {
            LocalDate week = thisWeek();
            Optional<AvailabilityReads.ProfileWeeks> found =
                    AvailabilityReads.profileWeeks(handle, userId, week, week.plusWeeks(1));
            if (found.isPresent() && (found.get().thisWeek() == null || found.get().nextWeek() == null)) {
                return handle.inTransaction(transaction -> summarise(transaction, userId));
            }
            return found.map(complete -> summary(handle, complete, week));
        });
    }

    /** True when search may list the specialist today (see the {@code specialist_listing} view). */
    public boolean isSearchable(String userId) {
        LocalDate today = Weeks.today(clock, zone);
        return jdbi.withExtension(SpecialistDao.class, dao -> dao.isSearchable(userId, today));
    }

    AvailabilitySummary summary(Handle handle, String userId) {
        return summarise(handle, userId).orElseThrow();
    }

    /**
     * The profile and both weeks in one statement, then the permission in one more; a week without its row yet
     * (the first time anyone asks for it) is materialised by {@link WeeklyCapacity#capacity}. Empty without a
     * profile.
     */
    private Optional<AvailabilitySummary> summarise(Handle handle, String userId) {
        LocalDate week = thisWeek();
        return AvailabilityReads.profileWeeks(handle, userId, week, week.plusWeeks(1))
                .map(found -> summary(handle, found, week));
    }

    private AvailabilitySummary summary(Handle handle, AvailabilityReads.ProfileWeeks found, LocalDate week) {
        String userId = found.profile().userId();
        LocalDate next = week.plusWeeks(1);
        return new AvailabilitySummary(found.profile(),
                found.thisWeek() != null ? found.thisWeek() : capacity.capacity(handle, userId, week).orElseThrow(),
                found.nextWeek() != null ? found.nextWeek() : capacity.capacity(handle, userId, next).orElseThrow(),
                permissions.standing(handle, userId));
    }

    private LocalDate thisWeek() {
        return Weeks.thisWeek(clock, zone);
    }

    private static List<String> skills(Handle handle, String userId) {
        return handle.attach(SpecialistDao.class).skillsOf(userId).stream()
                .map(SpecialistDao.SkillRow::displayName).toList();
    }

    private static String describe(WeekCapacity week) {
        return "requested " + Hours.format(week.requestedMinutes()) + (week.overridden() ? " (this week only)" : "")
                + ", offered " + Hours.format(week.offeredMinutes()) + ", held " + Hours.format(week.heldMinutes())
                + ", booked " + Hours.format(week.bookedMinutes());
    }
}
