package org.talentpool.ledger;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.talentpool.council.CouncilDao;
import org.talentpool.council.CouncilRates;
import org.talentpool.home.HomeRefresher;
import org.talentpool.persistence.AuditLog;
import org.talentpool.slack.Outbox;

/**
 * Bookings, rates and a {@link LedgerService} wired to the real outbox, audit log and home refresher, for the ledger's
 * database tests. Bookings are written straight to the database in the status asked for.
 */
final class LedgerFixture {
    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final String ADMIN_CHANNEL = "CADMINS01";

    private final Jdbi jdbi;
    private final Clock clock;

    LedgerFixture(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    LedgerService service() {
        return new LedgerService(jdbi, clock, LONDON, new AuditLog(jdbi, clock), new CouncilRates(jdbi),
                new SlackLedgerNotifier(new Outbox(clock), Optional.of(ADMIN_CHANNEL), List::of, LONDON),
                new HomeRefresher(jdbi, clock));
    }

    /** Empties everything the ledger tests touch (database tests share one database per class). */
    void clear() {
        jdbi.useHandle(handle -> {
            for (String table : List.of("ledger_entry", "forgotten_member", "booking", "search_demand",
                    "specialist_week", "specialist_skill", "permission", "skill", "specialist", "member", "council_lead",
                    "council_rate", "pool_admin", "join_request_member", "join_request", "council_domain", "council",
                    "audit_log", "outbox", "home_refresh")) {
                handle.execute("DELETE FROM " + table);
            }
        });
    }

    long booking(String specialistId, String requesterId, long specialistCouncil, long requesterCouncil,
                 LocalDate weekStart, int minutes, String status) {
        return jdbi.withHandle(handle -> handle.createUpdate("INSERT INTO booking (request_key, specialist_id,"
                        + " requester_id, specialist_council_id, requester_council_id, week_start, minutes, need,"
                        + " cost_code, status, created_at, updated_at, changed_by) VALUES (:key, :specialist,"
                        + " :requester, :specialistCouncil, :requesterCouncil, :week, :minutes, :need, 'PO-1', :status,"
                        + " :now, :now, :changedBy)")
                .bind("key", UUID.randomUUID().toString())
                .bind("specialist", specialistId)
                .bind("requester", requesterId)
                .bind("specialistCouncil", specialistCouncil)
                .bind("requesterCouncil", requesterCouncil)
                .bind("week", weekStart)
                .bind("minutes", minutes)
                .bind("need", "Help with maps for " + requesterId)
                .bind("status", status)
                .bind("now", OffsetDateTime.now(clock))
                .bind("changedBy", specialistId)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    void rate(long councilId, LocalDate from, int pence) {
        jdbi.useExtension(CouncilDao.class, dao -> dao.setRate(councilId, from, pence, "UADMIN01",
                OffsetDateTime.now(clock)));
    }

    int count(String sql) {
        return jdbi.withHandle(handle -> handle.createQuery(sql).mapTo(Integer.class).one());
    }

    List<String> outboxKeys() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT dedup_key FROM outbox ORDER BY id")
                .mapTo(String.class).list());
    }
}
