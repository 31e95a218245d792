package org.talentpool.availability;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.talentpool.home.HomeRefresher;
import org.talentpool.persistence.AuditLog;

/**
 * The organisation's permission: asking a specialist's line manager, and the manager's approve, decline and
 * revoke. Only the manager named on a request may answer it; answers are conditional updates, so a double
 * click changes nothing twice. Approval lasts {@link #VALIDITY}. Every answer asks for the specialist's App Home
 * to be published again; an approval that ends (revoked, replaced, expired) tells the {@link ListingListener}.
 */
public final class PermissionService {
    private static final Logger log = LoggerFactory.getLogger(PermissionService.class);
    public static final Period VALIDITY = Period.ofMonths(12);
    /** How far back {@link #tellExpired} looks, so that runs missed for a few days catch up. */
    static final int EXPIRY_LOOKBACK_DAYS = 7;

    private final Jdbi jdbi;
    private final Clock clock;
    private final ZoneId zone;
    private final AuditLog audit;
    private final AvailabilityNotifier notifier;
    private final WeeklyCapacity capacity;
    private final HomeRefresher homes;
    private final ListingListener listing;

    public PermissionService(Jdbi jdbi, Clock clock, ZoneId zone, AuditLog audit, AvailabilityNotifier notifier,
                             WeeklyCapacity capacity, HomeRefresher homes, ListingListener listing) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.zone = zone;
        this.audit = audit;
        this.notifier = notifier;
        this.capacity = capacity;
        this.homes = homes;
        this.listing = listing;
    }

    /** The outcome of a manager's answer. */
    public sealed interface Answer {
        /** The change was made. */
        record Done(Permission permission) implements Answer {}

        /** Someone other than the named manager tried to answer. */
        record NotYours(Permission permission) implements Answer {}

        /** It was answered, revoked or replaced already; nothing changed. */
        record AlreadySettled(Permission permission) implements Answer {}

        /** No such permission (or nothing to revoke). */
        record NotFound() implements Answer {}
    }

    /**
     * Where the specialist stands today: one statement (see {@link AvailabilityReads#approvedAndPending}), and a
     * second for the last answer only when neither an approval nor a request lets them be listed.
     */
    public PermissionStanding standing(Handle handle, String specialistId) {
        AvailabilityReads.ApprovedAndPending records = AvailabilityReads.approvedAndPending(handle, specialistId);
        LocalDate today = Weeks.today(clock, zone);
        Optional<Permission> valid = records.approved().filter(p -> p.validOn(today));
        Optional<Permission> pending = records.pending();
        Optional<Permission> last = valid.isPresent() || pending.isPresent()
                ? Optional.empty() : handle.attach(PermissionDao.class).latestAnswer(specialistId);
        return new PermissionStanding(valid, pending, last, today);
    }

    /**
     * Asks the manager when {@code wantedMinutes} a week is more than the valid approval allows, unless an
     * open request to the same manager covers it already. Without any approval or open request (declined,
     * revoked, expired) only an explicit ask, i.e. saving the profile, asks again. Runs in the caller's
     * transaction with the specialist row locked. Returns the new request, if one was made.
     */
    Optional<Permission> askIfNeeded(Handle handle, Specialist specialist, int wantedMinutes, boolean explicitAsk,
                                     List<String> skills) {
        PermissionDao permissions = handle.attach(PermissionDao.class);
        PermissionStanding standing = standing(handle, specialist.userId());
        Optional<Permission> valid = standing.valid()
                .filter(p -> p.managerId().equals(specialist.managerId()));
        Optional<Permission> pending = standing.pending();
        if (valid.isPresent() && wantedMinutes <= valid.get().capMinutes()) {
            return Optional.empty();
        }
        if (pending.isPresent() && pending.get().managerId().equals(specialist.managerId())
                && wantedMinutes <= pending.get().capMinutes()) {
            return Optional.empty();
        }
        if (valid.isEmpty() && pending.isEmpty() && !explicitAsk) {
            return Optional.empty();
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        pending.ifPresent(open -> {
            permissions.supersedeRequest(open.id(), now);
            audit.record(handle, AuditLog.Change.of(specialist.userId(), "permission.superseded", "permission",
                    open.id()).states("requested", "superseded"));
        });
        int cap = Math.max(wantedMinutes, specialist.defaultMinutes());
        long id = permissions.request(specialist.userId(), specialist.managerId(), cap, now);
        Permission request = permissions.find(id).orElseThrow();
        audit.record(handle, AuditLog.Change.of(specialist.userId(), "permission.requested", "permission", id)
                .states(null, describe(request)));
        notifier.askManager(handle, new AvailabilityNotifier.PermissionAsk(request, specialist, skills, valid));
        return Optional.of(request);
    }

    /**
     * Ends approvals and open requests from a manager the specialist no longer names: the new manager must
     * agree. Runs in the caller's transaction with the specialist row locked.
     */
    void forgetOtherManagers(Handle handle, Specialist specialist) {
        PermissionDao permissions = handle.attach(PermissionDao.class);
        OffsetDateTime now = OffsetDateTime.now(clock);
        permissions.approved(specialist.userId())
                .filter(p -> !p.managerId().equals(specialist.managerId()))
                .ifPresent(old -> {
                    permissions.supersedeApproval(old.id());
                    audit.record(handle, AuditLog.Change.of(specialist.userId(), "permission.superseded",
                            "permission", old.id()).states("approved", "superseded").detail("line manager changed"));
                    if (old.validOn(Weeks.today(clock, zone))) {
                        listing.unlisted(handle, specialist.userId(), ListingListener.Reason.PERMISSION_ENDED,
                                clock.instant());
                    }
                });
        permissions.pending(specialist.userId())
                .filter(p -> !p.managerId().equals(specialist.managerId()))
                .ifPresent(old -> {
                    permissions.supersedeRequest(old.id(), now);
                    audit.record(handle, AuditLog.Change.of(specialist.userId(), "permission.superseded",
                            "permission", old.id()).states("requested", "superseded").detail("line manager changed"));
                });
    }

    /** The manager approves: the specialist becomes searchable, up to the cap, for twelve months. */
    public Answer approve(long permissionId, String managerId, Optional<AvailabilityNotifier.MessageRef> message) {
        return settle(permissionId, managerId, "approve", (handle, asked) -> {
            PermissionDao permissions = handle.attach(PermissionDao.class);
            LocalDate expiresOn = Weeks.today(clock, zone).plus(VALIDITY);
            if (permissions.approve(permissionId, managerId, OffsetDateTime.now(clock), expiresOn) == 0) {
                return Optional.empty();
            }
            permissions.supersedeApproved(asked.specialistId(), permissionId);
            capacity.refresh(handle, asked.specialistId(), Weeks.thisWeek(clock, zone));
            Permission approved = permissions.find(permissionId).orElseThrow();
            audit.record(handle, AuditLog.Change.of(managerId, "permission.approved", "permission", permissionId)
                    .states(describe(asked), describe(approved)));
            notifier.approved(handle, approved, message);
            return Optional.of(approved);
        });
    }

    /** The manager declines: the specialist is told; an earlier approval, if any, stands. */
    public Answer decline(long permissionId, String managerId, Optional<AvailabilityNotifier.MessageRef> message) {
        return settle(permissionId, managerId, "decline", (handle, asked) -> {
            PermissionDao permissions = handle.attach(PermissionDao.class);
            if (permissions.decline(permissionId, managerId, OffsetDateTime.now(clock)) == 0) {
                return Optional.empty();
            }
            Permission declined = permissions.find(permissionId).orElseThrow();
            audit.record(handle, AuditLog.Change.of(managerId, "permission.declined", "permission", permissionId)
                    .states(describe(asked), describe(declined)));
            notifier.declined(handle, declined, message);
            return Optional.of(declined);
        });
    }

    /** A manager's answer to a request: what it changed, or empty when the request was already settled. */
    private interface Decision {
        Optional<Permission> apply(Handle handle, Permission asked);
    }

    /**
     * The part approve and decline share, in one transaction: the request must exist and be addressed to this
     * manager (anyone else is refused and audited); the specialist is locked; a request settled meanwhile (a
     * double click) changes nothing; the specialist's home is refreshed after a change.
     */
    private Answer settle(long permissionId, String managerId, String verb, Decision decision) {
        return jdbi.inTransaction(handle -> {
            Optional<Permission> found = handle.attach(PermissionDao.class).find(permissionId);
            if (found.isEmpty()) {
                return new Answer.NotFound();
            }
            if (!found.get().managerId().equals(managerId)) {
                return refuse(handle, found.get(), managerId, verb);
            }
            handle.attach(SpecialistDao.class).lock(found.get().specialistId());
            Optional<Permission> changed = decision.apply(handle, found.get());
            if (changed.isEmpty()) {
                return new Answer.AlreadySettled(handle.attach(PermissionDao.class).find(permissionId).orElseThrow());
            }
            homes.refresh(handle, changed.get().specialistId());
            return new Answer.Done(changed.get());
        });
    }

    /** The manager withdraws an approval (from the Revoke button of the approval's message). */
    public Answer revoke(long permissionId, String managerId, Optional<AvailabilityNotifier.MessageRef> message) {
        return jdbi.inTransaction(handle -> {
            Optional<Permission> found = handle.attach(PermissionDao.class).find(permissionId);
            if (found.isEmpty()) {
                return new Answer.NotFound();
            }
            return revoke(handle, found.get(), managerId, message);
        });
    }

    /** The manager withdraws their approval for a specialist ({@code /available revoke @person}). */
    public Answer revokeFor(String specialistId, String managerId) {
        return jdbi.inTransaction(handle -> {
            Optional<Permission> approved = handle.attach(PermissionDao.class).approved(specialistId);
            if (approved.isEmpty()) {
                return new Answer.NotFound();
            }
            return revoke(handle, approved.get(), managerId, Optional.empty());
        });
    }

    private Answer revoke(Handle handle, Permission permission, String managerId,
                          Optional<AvailabilityNotifier.MessageRef> message) {
        if (!permission.managerId().equals(managerId)) {
            return refuse(handle, permission, managerId, "revoke");
        }
        handle.attach(SpecialistDao.class).lock(permission.specialistId());
        PermissionDao permissions = handle.attach(PermissionDao.class);
        if (permissions.revoke(permission.id(), managerId, OffsetDateTime.now(clock)) == 0) {
            return new Answer.AlreadySettled(permissions.find(permission.id()).orElseThrow());
        }
        capacity.refresh(handle, permission.specialistId(), Weeks.thisWeek(clock, zone));
        Permission revoked = permissions.find(permission.id()).orElseThrow();
        audit.record(handle, AuditLog.Change.of(managerId, "permission.revoked", "permission", permission.id())
                .states(describe(permission), describe(revoked)));
        notifier.revoked(handle, revoked, message);
        if (permission.validOn(Weeks.today(clock, zone))) {
            listing.unlisted(handle, permission.specialistId(), ListingListener.Reason.PERMISSION_ENDED,
                    clock.instant());
        }
        homes.refresh(handle, permission.specialistId());
        return new Answer.Done(revoked);
    }

    /**
     * For the daily job: approvals that ran out in the last {@value #EXPIRY_LOOKBACK_DAYS} days up to {@code today}
     * (so no longer valid today) and were not replaced. For each, in its own transaction, the {@link ListingListener}
     * is told as of the start of the day it ran out (so running again tells nobody twice) and the specialist's App
     * Home is published again. Returns how many approvals ran out.
     */
    public int tellExpired(LocalDate today) {
        List<Permission> expired = jdbi.withExtension(PermissionDao.class,
                dao -> dao.expiredBetween(today.minusDays(EXPIRY_LOOKBACK_DAYS - 1L), today));
        int told = 0;
        for (Permission permission : expired) {
            Instant endedAt = permission.expiresOn().atStartOfDay(zone).toInstant();
            try {
                jdbi.useTransaction(handle -> {
                    listing.unlisted(handle, permission.specialistId(), ListingListener.Reason.PERMISSION_ENDED,
                            endedAt);
                    homes.refresh(handle, permission.specialistId());
                });
                told++;
            } catch (RuntimeException e) {
                log.error("Could not tell about the end of permission {}", permission.id(), e);
            }
        }
        return told;
    }

    private Answer refuse(Handle handle, Permission permission, String userId, String what) {
        audit.record(handle, AuditLog.Change.of(userId, "permission.refused", "permission", permission.id())
                .detail("only " + permission.managerId() + " may " + what));
        return new Answer.NotYours(permission);
    }

    static String describe(Permission permission) {
        return permission.status().dbValue() + ", manager " + permission.managerId() + ", up to "
                + Hours.format(permission.capMinutes()) + " a week"
                + (permission.expiresOn() == null ? "" : ", until " + permission.expiresOn());
    }
}
