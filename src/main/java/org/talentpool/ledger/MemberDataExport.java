package org.talentpool.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.talentpool.council.AdminDirectory;
import org.talentpool.persistence.AuditLog;

/**
 * {@code /pool export}: everything the pool holds about one member, as JSON. Other people appear only as Slack IDs,
 * where a row needs them (the other side of a booking, a line manager); text other people wrote (a requester's
 * need, a reason given by the other side, an admin's note) is left out, as are other people's names and emails.
 * Each export is audited.
 */
public final class MemberDataExport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Jdbi jdbi;
    private final Clock clock;
    private final ZoneId zone;
    private final AuditLog audit;
    private final AdminDirectory admins;

    public MemberDataExport(Jdbi jdbi, Clock clock, ZoneId zone, AuditLog audit, AdminDirectory admins) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.zone = zone;
        this.audit = audit;
        this.admins = admins;
    }

    /** The export file: its name and UTF-8 JSON. */
    public record Export(String fileName, byte[] json) {}

    /** Gathers the member's data in one transaction (a consistent picture) and records that it was exported. */
    public Export export(String userId) {
        ObjectNode root = jdbi.inTransaction(handle -> {
            ObjectNode data = gather(handle, userId);
            audit.record(handle, AuditLog.Change.of(userId, "member.exported", "member", userId));
            return data;
        });
        try {
            String fileName = "talent-pool-data-" + userId + "-" + clock.instant().atZone(zone).toLocalDate() + ".json";
            return new Export(fileName, JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the export of " + userId, e);
        }
    }

    ObjectNode gather(Handle handle, String userId) {
        ObjectNode root = JSON.createObjectNode();
        root.put("about", "Everything Talent Pool holds about you. Other people appear only by their Slack ID;"
                + " text they wrote is not included. Minutes are whole minutes; money is in pence.");
        root.put("user_id", userId);
        root.put("generated_at", clock.instant().toString());
        root.set("member", one(handle, "SELECT m.user_id, m.display_name, m.email_domain, m.council_id,"
                + " c.name AS council_name, m.refreshed_at FROM member m LEFT JOIN council c ON c.id = m.council_id"
                + " WHERE m.user_id = :userId", userId));
        root.set("profile", one(handle, "SELECT job_title, bio, default_minutes, manager_id, paused, created_at,"
                + " updated_at FROM specialist WHERE user_id = :userId", userId));
        root.set("skills", rows(handle, "SELECT k.display_name AS skill FROM specialist_skill s"
                + " JOIN skill k ON k.id = s.skill_id WHERE s.user_id = :userId ORDER BY k.display_name", userId));
        root.set("weeks", rows(handle, "SELECT week_start, requested_minutes, offered_minutes, held_minutes,"
                + " booked_minutes, overridden FROM specialist_week WHERE user_id = :userId ORDER BY week_start",
                userId));
        root.set("permissions_as_specialist", rows(handle, "SELECT id, manager_id, cap_minutes, status,"
                + " requested_at, decided_at, expires_on, revoked_at, revoked_by FROM permission"
                + " WHERE specialist_id = :userId ORDER BY id", userId));
        root.set("permissions_as_manager", rows(handle, "SELECT id, specialist_id, cap_minutes, status,"
                + " requested_at, decided_at, expires_on, revoked_at, revoked_by FROM permission"
                + " WHERE manager_id = :userId OR revoked_by = :userId ORDER BY id", userId));
        root.set("line_manager_of", rows(handle, "SELECT user_id AS specialist_id FROM specialist"
                + " WHERE manager_id = :userId ORDER BY user_id", userId));
        root.set("bookings_you_made", rows(handle, "SELECT b.id, b.specialist_id, sc.name AS specialist_council,"
                + " rc.name AS your_council, b.week_start, b.minutes, b.need, b.cost_code, b.status, b.created_at,"
                + " b.updated_at, b.changed_by, CASE WHEN b.changed_by = :userId THEN b.reason END AS your_reason"
                + " FROM booking b JOIN council sc ON sc.id = b.specialist_council_id"
                + " JOIN council rc ON rc.id = b.requester_council_id WHERE b.requester_id = :userId ORDER BY b.id",
                userId));
        root.set("bookings_of_your_time", rows(handle, "SELECT b.id, b.requester_id, rc.name AS requester_council,"
                + " sc.name AS your_council, b.week_start, b.minutes, b.status, b.created_at, b.updated_at,"
                + " b.changed_by, CASE WHEN b.changed_by = :userId THEN b.reason END AS your_reason"
                + " FROM booking b JOIN council sc ON sc.id = b.specialist_council_id"
                + " JOIN council rc ON rc.id = b.requester_council_id WHERE b.specialist_id = :userId ORDER BY b.id",
                userId));
        root.set("hours_delivered", rows(handle, "SELECT e.booking_id, CASE WHEN e.specialist_id = :userId"
                + " THEN 'specialist' ELSE 'requester' END AS your_side, e.specialist_id, e.requester_id,"
                + " pc.name AS provider_council, rc.name AS requester_council, e.week_start, e.booked_minutes,"
                + " e.reported_minutes, e.confirmed_minutes, e.status,"
                + " CASE WHEN e.specialist_id = :userId THEN e.note END AS your_note,"
                + " CASE WHEN e.requester_id = :userId THEN e.dispute_reason END AS your_dispute_reason,"
                + " e.asked_at, e.reported_at, e.disputed_at, e.confirmed_at, e.confirmed_how, e.rate_pence,"
                + " e.amount_pence FROM ledger_entry e JOIN council pc ON pc.id = e.provider_council_id"
                + " JOIN council rc ON rc.id = e.requester_council_id"
                + " WHERE e.specialist_id = :userId OR e.requester_id = :userId ORDER BY e.booking_id", userId));
        root.set("join_requests_you_asked", rows(handle, "SELECT r.id, r.email_domain, c.name AS council, r.status,"
                + " m.asked_at, r.decided_at FROM join_request_member m"
                + " JOIN join_request r ON r.id = m.request_id LEFT JOIN council c ON c.id = r.council_id"
                + " WHERE m.user_id = :userId ORDER BY r.id", userId));
        root.set("join_requests_you_decided", rows(handle, "SELECT r.id, r.email_domain, c.name AS council,"
                + " r.status, r.decided_at, r.reason FROM join_request r LEFT JOIN council c ON c.id = r.council_id"
                + " WHERE r.decided_by = :userId ORDER BY r.id", userId));
        ObjectNode roles = root.putObject("roles");
        roles.put("community_admin", admins.isAdmin(userId));
        roles.set("appointed_admin", one(handle, "SELECT added_by, added_at FROM pool_admin WHERE user_id = :userId",
                userId));
        roles.set("council_lead_of", rows(handle, "SELECT c.name AS council, l.appointed_by, l.appointed_at"
                + " FROM council_lead l JOIN council c ON c.id = l.council_id WHERE l.user_id = :userId"
                + " ORDER BY c.name", userId));
        root.set("rates_you_set", rows(handle, "SELECT c.name AS council, r.effective_from, r.pence_per_hour,"
                + " r.set_at FROM council_rate r JOIN council c ON c.id = r.council_id WHERE r.set_by = :userId"
                + " ORDER BY r.set_at", userId));
        root.set("searches_nobody_matched", rows(handle, "SELECT term, week_start, searched_at FROM search_demand"
                + " WHERE requester_id = :userId ORDER BY searched_at", userId));
        root.set("audit_entries_by_you", rows(handle, "SELECT id, occurred_at, action, subject_type, subject_id,"
                + " before_state, after_state, detail FROM audit_log WHERE actor = :userId ORDER BY id", userId));
        root.set("audit_entries_about_you", rows(handle, "SELECT id, occurred_at, actor, action, subject_type,"
                + " subject_id FROM audit_log WHERE actor <> :userId AND (" + AuditScope.ABOUT + ") ORDER BY id",
                userId));
        return root;
    }

    private static ObjectNode one(Handle handle, String sql, String userId) {
        ArrayNode found = rows(handle, sql, userId);
        return found.isEmpty() ? null : (ObjectNode) found.get(0);
    }

    private static ArrayNode rows(Handle handle, String sql, String userId) {
        List<Map<String, Object>> rows = handle.createQuery(sql).bind("userId", userId).mapToMap().list();
        ArrayNode array = JSON.createArrayNode();
        for (Map<String, Object> row : rows) {
            ObjectNode object = array.addObject();
            row.forEach((column, value) -> put(object, column.toLowerCase(java.util.Locale.ROOT), value));
        }
        return array;
    }

    /** JDBC values as JSON: times as ISO instants, dates as ISO dates, the same on H2 and PostgreSQL. */
    private static void put(ObjectNode object, String name, Object value) {
        if (value == null) {
            object.putNull(name);
        } else if (value instanceof Boolean bool) {
            object.put(name, bool);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            object.put(name, ((Number) value).longValue());
        } else if (value instanceof java.math.BigDecimal decimal) {
            object.put(name, decimal);
        } else if (value instanceof Timestamp timestamp) {
            object.put(name, timestamp.toInstant().toString());
        } else if (value instanceof OffsetDateTime dateTime) {
            object.put(name, dateTime.toInstant().toString());
        } else if (value instanceof java.sql.Date date) {
            object.put(name, date.toLocalDate().toString());
        } else if (value instanceof LocalDate || value instanceof Instant || value instanceof TemporalAccessor) {
            object.put(name, value.toString());
        } else {
            object.put(name, value.toString());
        }
    }
}
