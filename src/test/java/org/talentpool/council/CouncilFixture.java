package org.talentpool.council;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.talentpool.persistence.AuditLog;
import org.talentpool.slack.Outbox;
import org.talentpool.testing.MutableClock;

/**
 * The council services on a test database, wired as in the app, with Slack's user directory stubbed:
 * {@link #profile} says which email a user has.
 */
final class CouncilFixture {
    static final String ADMIN = "UADMIN01";
    static final String ADMIN_CHANNEL = "CADMINS01";
    static final ZoneId LONDON = ZoneId.of("Europe/London");

    final Jdbi jdbi;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T09:00:00Z"));
    final Map<String, SlackDirectory.Profile> profiles = new HashMap<>();
    final AuditLog audit;
    final AdminDirectory admins;
    final Membership membership;
    final CouncilModule module;

    CouncilFixture(Jdbi jdbi, Optional<String> adminChannel, Set<String> configuredAdmins,
                   List<CouncilStatusListener> listeners) {
        this.jdbi = jdbi;
        this.audit = new AuditLog(jdbi, clock);
        this.admins = new AdminDirectory(jdbi, configuredAdmins);
        this.membership = new Membership(jdbi, userId -> Optional.ofNullable(profiles.get(userId)), clock);
        this.module = new CouncilModule(jdbi, audit, new Outbox(clock), admins, membership, adminChannel, clock,
                LONDON, listeners);
    }

    static CouncilFixture standard(Jdbi jdbi) {
        return new CouncilFixture(jdbi, Optional.of(ADMIN_CHANNEL), Set.of(ADMIN), List.of());
    }

    CouncilFixture profile(String userId, String email) {
        profiles.put(userId, new SlackDirectory.Profile(userId, "Name " + userId, Optional.ofNullable(email), false,
                false));
        return this;
    }

    long council(String code, String name, String domain, Council.Status status) {
        return jdbi.withExtension(CouncilDao.class, dao -> {
            long id = dao.insertCouncil(code, name, null, "England", "Unitary authority", status.dbValue(),
                    OffsetDateTime.now(clock));
            if (domain != null) {
                dao.insertDomain(domain, id);
            }
            return id;
        });
    }

    Council find(long councilId) {
        return jdbi.withExtension(CouncilDao.class, dao -> dao.findById(councilId)).orElseThrow();
    }

    /** Queued outbox rows: dedup key → params JSON. */
    Map<String, String> outbox() {
        Map<String, String> rows = new java.util.LinkedHashMap<>();
        jdbi.useHandle(handle -> handle.createQuery("SELECT dedup_key, params FROM outbox ORDER BY id")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(entry -> rows.put(entry.getKey(), entry.getValue())));
        return rows;
    }

    /** As if the dispatcher had delivered the queued message with this dedup key to {@code channel}. */
    void markSent(String dedupKey, String channel, String ts) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE outbox SET status = 'sent', result_channel = :channel,"
                        + " result_ts = :ts WHERE dedup_key = :key")
                .bind("channel", channel).bind("ts", ts).bind("key", dedupKey).execute());
    }

    List<AuditLog.Entry> auditActions(String action) {
        return audit.recent(1000).stream().filter(entry -> entry.action().equals(action)).toList();
    }

    Access access(String userId) {
        return membership.check(userId);
    }
}
