package org.talentpool.ledger;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.talentpool.availability.Weeks;
import org.talentpool.booking.BookingService;
import org.talentpool.home.HomeRefresher;
import org.talentpool.persistence.AuditLog;

/**
 * {@code /pool forget-me}: erases a member's personal data and puts a tombstone ({@link Tombstones}) where their Slack
 * ID stood, so that the ledger keeps its amounts and councils and statements add up as before.
 *
 * <ol>
 *   <li>Their bookings still to come (requests, and accepted bookings before their week's Friday) are cancelled through
 *       {@link BookingService#cancel}, which releases the hours and tells the other side (each booking in its own
 *       transaction, as the booking feature does it).</li>
 *   <li>Then, in one transaction: their profile (bio, job title, skills, weeks, permissions as specialist) and their
 *       lead and admin roles are deleted; text they wrote (booking needs, cost codes, reasons, notes, dispute
 *       reasons) becomes {@value #ERASED}; their display name in the free text of their bookings and hours delivered
 *       becomes {@value #NAME_REMOVED}; their member row loses name and email domain; audit entries by or about them
 *       keep the action and the time but lose their before/after states and details; their Slack ID is replaced by
 *       the tombstone everywhere it remains (bookings, ledger, permissions they gave, join requests, audit); messages
 *       addressed to them are deleted, and in messages to others a mention of them becomes
 *       {@value #FORMER_MEMBER}.</li>
 * </ol>
 * A second run finds nothing (their ID is nowhere any more) and changes nothing.
 */
public final class MemberErasure {
    public static final String ERASED = "[erased]";
    public static final String NAME_REMOVED = "[name removed]";
    /** What a mention of them becomes in messages to other people. */
    static final String FORMER_MEMBER = "a former member";
    static final String CANCEL_REASON = "They have left the pool.";

    private final Jdbi jdbi;
    private final Clock clock;
    private final ZoneId zone;
    private final AuditLog audit;
    private final BookingService bookings;
    private final HomeRefresher homes;

    public MemberErasure(Jdbi jdbi, Clock clock, ZoneId zone, AuditLog audit, BookingService bookings,
                         HomeRefresher homes) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.zone = zone;
        this.audit = audit;
        this.bookings = bookings;
        this.homes = homes;
    }

    /** What forgetting did. */
    public sealed interface Outcome {
        /** Erased; the member is now {@code tombstone} in what remains. */
        record Forgotten(String tombstone, int bookingsCancelled) implements Outcome {}

        /** Nothing about the member was held (any more). Nothing changed. */
        record NothingHeld() implements Outcome {}
    }

    /** Rolls the erasure back when it found nothing to erase, so that no tombstone is spent. */
    private static final class NothingToErase extends RuntimeException {
        NothingToErase() {
            super(null, null, false, false);
        }
    }

    public Outcome forget(String userId) {
        AuditScope.requireUserId(userId);
        int cancelled = cancelOpenBookings(userId);
        try {
            String tombstone = jdbi.inTransaction(handle -> erase(handle, userId, cancelled));
            return new Outcome.Forgotten(tombstone, cancelled);
        } catch (NothingToErase nothing) {
            return new Outcome.NothingHeld();
        }
    }

    /**
     * Cancels what is still to come: requests of this week or later, and accepted bookings whose hours cannot be
     * reported yet (before their week's Friday). Accepted bookings from their Friday on stand: the work was done, and
     * its hours go to the ledger (reported by the specialist, confirmed by the requester or automatically).
     */
    private int cancelOpenBookings(String userId) {
        LocalDate today = Weeks.today(clock, zone);
        List<Long> open = jdbi.withHandle(handle -> handle.createQuery("SELECT id FROM booking"
                        + " WHERE (specialist_id = :userId OR requester_id = :userId)"
                        + " AND ((status = 'requested' AND week_start >= :thisWeek)"
                        + " OR (status = 'accepted' AND week_start > :lastReportableWeek)) ORDER BY id")
                .bind("userId", userId)
                .bind("thisWeek", Weeks.weekStart(today))
                .bind("lastReportableWeek", LedgerService.lastReportableWeek(today))
                .mapTo(Long.class).list());
        int cancelled = 0;
        for (long bookingId : open) {
            if (bookings.cancel(bookingId, userId, CANCEL_REASON, Optional.empty())
                    instanceof BookingService.Answer.Done) {
                cancelled++;
            }
        }
        return cancelled;
    }

    private record MemberRow(Long councilId, String displayName) {}

    private String erase(Handle handle, String userId, int cancelled) {
        Optional<MemberRow> member = handle.createQuery("SELECT council_id, display_name FROM member"
                        + " WHERE user_id = :userId FOR UPDATE")
                .bind("userId", userId)
                .map((rs, ctx) -> new MemberRow((Long) rs.getObject("council_id", Long.class),
                        rs.getString("display_name")))
                .findOne();
        long forgottenId = handle.createUpdate("INSERT INTO forgotten_member (council_id, forgotten_at)"
                        + " VALUES (:councilId, :now)")
                .bind("councilId", member.map(MemberRow::councilId).orElse(null))
                .bind("now", OffsetDateTime.now(clock))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        String tombstone = Tombstones.of(forgottenId);
        List<String> counterparts = handle.createQuery("SELECT DISTINCT CASE WHEN specialist_id = :userId"
                        + " THEN requester_id ELSE specialist_id END FROM booking"
                        + " WHERE specialist_id = :userId OR requester_id = :userId")
                .bind("userId", userId).mapTo(String.class).list();

        Erasure erasure = new Erasure(handle, userId, tombstone);
        member.map(MemberRow::displayName).ifPresent(erasure::removeNameFromFreeText);
        erasure.auditEntries();
        erasure.textTheyWrote();
        erasure.identity();
        erasure.profileAndRoles();
        erasure.messages();
        if (erasure.changed == 0) {
            throw new NothingToErase();
        }
        audit.record(handle, AuditLog.Change.of(tombstone, "member.forgotten", "member", tombstone)
                .detail("personal data erased at the member's request; " + cancelled + " open bookings cancelled"));
        homes.refresh(handle, counterparts.stream().filter(id -> !Tombstones.isTombstone(id)).toList());
        return tombstone;
    }

    private record TextRow(long key, String text) {}

    /** The statements of one erasure, counting the rows they change. */
    private static final class Erasure {
        private final Handle handle;
        private final String userId;
        private final String tombstone;
        private int changed;

        Erasure(Handle handle, String userId, String tombstone) {
            this.handle = handle;
            this.userId = userId;
            this.tombstone = tombstone;
        }

        /** Runs one statement with whichever of {@code :userId}, {@code :tombstone} and {@code :erased} it names. */
        private void run(String sql) {
            var update = handle.createUpdate(sql).bind("userId", userId);
            if (sql.contains(":tombstone")) {
                update.bind("tombstone", tombstone);
            }
            if (sql.contains(":erased")) {
                update.bind("erased", ERASED);
            }
            if (sql.contains(":formerMember")) {
                update.bind("formerMember", FORMER_MEMBER);
            }
            changed += update.execute();
        }

        /** Their display name, wherever the other side wrote it in their bookings and hours delivered. */
        void removeNameFromFreeText(String displayName) {
            if (displayName == null || displayName.strip().length() < 3) {
                return;
            }
            String plain = displayName.strip();
            Pattern name = Pattern.compile(Pattern.quote(plain), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            scrub(name, plain, "booking", "id", List.of("need", "reason"),
                    "specialist_id = :userId OR requester_id = :userId");
            scrub(name, plain, "ledger_entry", "booking_id", List.of("note", "dispute_reason", "resolution_note"),
                    "specialist_id = :userId OR requester_id = :userId");
            // Messages to others that quote that text (a dispute's reason, a settlement's note).
            scrub(name, plain, "outbox", "id", List.of("params"), "LOWER(params) LIKE LOWER(CONCAT('%', :name, '%'))");
        }

        /** Replaces the name (case-insensitively) in the column of the rows {@code where} selects. */
        private void scrub(Pattern name, String plain, String table, String key, List<String> columns, String where) {
            for (String column : columns) {
                var query = handle.createQuery("SELECT " + key + ", " + column + " FROM " + table
                        + " WHERE (" + where + ") AND " + column + " IS NOT NULL");
                if (where.contains(":userId")) {
                    query.bind("userId", userId);
                }
                if (where.contains(":name")) {
                    query.bind("name", plain);
                }
                List<TextRow> rows = query.map((rs, ctx) -> new TextRow(rs.getLong(1), rs.getString(2))).list();
                for (TextRow row : rows) {
                    Matcher matcher = name.matcher(row.text());
                    if (matcher.find()) {
                        changed += handle.createUpdate("UPDATE " + table + " SET " + column + " = :text WHERE "
                                        + key + " = :key")
                                .bind("text", matcher.replaceAll(Matcher.quoteReplacement(NAME_REMOVED)))
                                .bind("key", row.key()).execute();
                    }
                }
            }
        }

        /** Entries by or about them keep action and time, lose states and details; their ID becomes the tombstone. */
        void auditEntries() {
            run("UPDATE audit_log SET before_state = NULL, after_state = NULL, detail = NULL"
                    + " WHERE actor = :userId OR " + AuditScope.ABOUT);
            run("UPDATE audit_log SET actor = :tombstone WHERE actor = :userId");
            run("UPDATE audit_log SET subject_id = REPLACE(subject_id, :userId, :tombstone)"
                    + " WHERE subject_id = :userId OR subject_id LIKE CONCAT(:userId, '/%')");
            run("UPDATE audit_log SET before_state = REPLACE(before_state, :userId, :tombstone),"
                    + " after_state = REPLACE(after_state, :userId, :tombstone),"
                    + " detail = REPLACE(detail, :userId, :tombstone)"
                    + " WHERE before_state LIKE CONCAT('%', :userId, '%') OR after_state LIKE CONCAT('%', :userId, '%')"
                    + " OR detail LIKE CONCAT('%', :userId, '%')");
        }

        /** Booking needs, cost codes, reasons, notes and dispute reasons they wrote. */
        void textTheyWrote() {
            run("UPDATE booking SET need = :erased, cost_code = NULL WHERE requester_id = :userId"
                    + " AND (need <> :erased OR cost_code IS NOT NULL)");
            run("UPDATE booking SET reason = :erased WHERE changed_by = :userId AND reason IS NOT NULL");
            run("UPDATE ledger_entry SET note = :erased WHERE specialist_id = :userId AND note IS NOT NULL");
            run("UPDATE ledger_entry SET dispute_reason = :erased WHERE requester_id = :userId"
                    + " AND dispute_reason IS NOT NULL");
            run("UPDATE ledger_entry SET resolution_note = :erased WHERE confirmed_by = :userId"
                    + " AND resolution_note IS NOT NULL");
            run("UPDATE join_request SET reason = :erased WHERE decided_by = :userId AND reason IS NOT NULL");
        }

        /** The tombstone where their Slack ID stood. */
        void identity() {
            run("UPDATE booking SET specialist_id = :tombstone WHERE specialist_id = :userId");
            run("UPDATE booking SET requester_id = :tombstone WHERE requester_id = :userId");
            run("UPDATE booking SET changed_by = :tombstone WHERE changed_by = :userId");
            run("UPDATE ledger_entry SET specialist_id = :tombstone WHERE specialist_id = :userId");
            run("UPDATE ledger_entry SET requester_id = :tombstone WHERE requester_id = :userId");
            run("UPDATE ledger_entry SET confirmed_by = :tombstone WHERE confirmed_by = :userId");
            run("UPDATE specialist SET manager_id = :tombstone WHERE manager_id = :userId");
            run("UPDATE permission SET manager_id = :tombstone WHERE manager_id = :userId");
            run("UPDATE permission SET revoked_by = :tombstone WHERE revoked_by = :userId");
            run("UPDATE join_request SET requested_by = :tombstone WHERE requested_by = :userId");
            run("UPDATE join_request SET decided_by = :tombstone WHERE decided_by = :userId");
            run("UPDATE join_request_member SET user_id = :tombstone WHERE user_id = :userId");
            run("UPDATE search_demand SET requester_id = :tombstone WHERE requester_id = :userId");
            run("UPDATE council_lead SET appointed_by = :tombstone WHERE appointed_by = :userId");
            run("UPDATE pool_admin SET added_by = :tombstone WHERE added_by = :userId");
            run("UPDATE council_rate SET set_by = :tombstone WHERE set_by = :userId");
            run("UPDATE job_run SET requested_by = :tombstone WHERE requested_by = :userId");
            run("UPDATE member SET user_id = :tombstone, display_name = NULL, email_domain = NULL"
                    + " WHERE user_id = :userId");
        }

        /** Profile, skills, weeks and permissions as specialist (deleted with the profile); lead and admin roles. */
        void profileAndRoles() {
            run("DELETE FROM specialist WHERE user_id = :userId");
            run("DELETE FROM council_lead WHERE user_id = :userId");
            run("DELETE FROM pool_admin WHERE user_id = :userId");
            handle.createUpdate("DELETE FROM home_refresh WHERE user_id = :userId").bind("userId", userId).execute();
            // Any App Home being built right now may name them: taking back the publishers' claims makes those
            // publishes queue nothing (HomePublisher queues a home only for requests it still holds), and the
            // homes are built again, without them, once this commits.
            handle.execute("UPDATE home_refresh SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by IS NOT NULL");
        }

        /**
         * Messages addressed to them are deleted. In the others (sent, or still to go to the other side of a booking
         * cancelled a moment ago), a mention of them becomes "a former member" and any other trace of their ID the
         * tombstone.
         */
        void messages() {
            run("DELETE FROM outbox WHERE params LIKE CONCAT('%\"channel\":\"', :userId, '\"%')"
                    + " OR params LIKE CONCAT('%\"user_id\":\"', :userId, '\"%')");
            run("UPDATE outbox SET params = REPLACE(REPLACE(params, CONCAT('<@', :userId, '>'), :formerMember),"
                    + " :userId, :tombstone), dedup_key = REPLACE(dedup_key, :userId, :tombstone)"
                    + " WHERE params LIKE CONCAT('%', :userId, '%') OR dedup_key LIKE CONCAT('%', :userId, '%')");
        }
    }
}
