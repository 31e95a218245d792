package org.talentpool.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talentpool.availability.WeeklyCapacity;
import org.talentpool.booking.BookingNotifier;
import org.talentpool.booking.BookingService;
import org.talentpool.booking.BookingTimeouts;
import org.talentpool.council.CouncilDao;
import org.talentpool.home.HomeRefresher;
import org.talentpool.persistence.AuditLog;
import org.talentpool.search.ExpertFixture;
import org.talentpool.slack.Outbox;
import org.talentpool.slack.SlackMessages;
import org.talentpool.testing.DatabaseTest;
import org.talentpool.testing.MutableClock;

/**
 * Forgetting a member who held every kind of data (profile, line manager of someone, council lead, appointed admin,
 * rate setter, join requests asked and decided, unmet searches, bookings both ways, disputed hours, audit entries,
 * messages), on H2 and PostgreSQL: nothing of theirs is left, their name is gone from what others wrote about them,
 * others' rows keep their meaning with the tombstone, statements do not move, and a second run changes nothing.
 */
class MemberErasureTest extends DatabaseTest {
    private static final String JO = "U0JO0001";
    private static final String KIM = "U0KIM001";
    private static final String ANN = "U0ANN001";
    private static final String ADMIN = "UADMIN01";
    private static final LocalDate WEEK = LocalDate.parse("2026-11-02");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-18T12:00:00Z"));
    private LedgerFixture fixture;
    private LedgerService ledger;
    private MemberErasure erasure;
    private long leeds;
    private long york;

    @BeforeEach
    void setUp() {
        Jdbi jdbi = database.jdbi();
        fixture = new LedgerFixture(jdbi, clock);
        fixture.clear();
        ExpertFixture people = new ExpertFixture(jdbi, clock);
        leeds = people.council("LDS", "Leeds City Council", "leeds.gov.uk", "approved");
        york = people.council("YOR", "City of York Council", "york.gov.uk", "approved");
        fixture.rate(leeds, LocalDate.parse("2026-01-01"), 4000);
        people.specialist(JO, "leeds.gov.uk", leeds, "GIS lead", "Jo's own bio", 4, "GIS");
        people.member(JO, "Jo Bloggs", "leeds.gov.uk", leeds);
        people.specialist(ANN, "york.gov.uk", york, "Hydrologist", "Ann's bio", 4, "Hydrology");
        people.member(KIM, "Kim Lee", "york.gov.uk", york);
        ledger = fixture.service();
        AuditLog audit = new AuditLog(jdbi, clock);
        BookingService bookings = new BookingService(jdbi, clock, LedgerFixture.LONDON, audit,
                new WeeklyCapacity(jdbi, clock, LedgerFixture.LONDON), mock(BookingNotifier.class),
                BookingTimeouts.DEFAULT, new HomeRefresher(jdbi, clock));
        erasure = new MemberErasure(jdbi, clock, LedgerFixture.LONDON, audit, bookings, new HomeRefresher(jdbi, clock));
    }

    /** Jo in every role, with bookings both ways and disputed hours settled by an admin. */
    private long joEverywhere() {
        Jdbi jdbi = database.jdbi();
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbi.useHandle(handle -> {
            handle.execute("UPDATE specialist SET manager_id = ? WHERE user_id = ?", JO, ANN);
            handle.execute("UPDATE permission SET manager_id = ? WHERE specialist_id = ?", JO, ANN);
            handle.execute("INSERT INTO specialist_week (user_id, week_start, requested_minutes, offered_minutes)"
                    + " VALUES (?, ?, 240, 240)", JO, WEEK.plusWeeks(3));
            handle.execute("INSERT INTO search_demand (term, week_start, requester_id, searched_at) VALUES"
                    + " ('hydrology', ?, ?, ?)", WEEK, JO, now);
            handle.execute("INSERT INTO join_request (email_domain, status, requested_by, requested_at, decided_by,"
                    + " decided_at, reason) VALUES ('example.org', 'rejected', ?, ?, ?, ?, 'Jo says: not a council')",
                    KIM, now, JO, now);
            handle.execute("INSERT INTO join_request (email_domain, status, requested_by, requested_at, open_key)"
                    + " VALUES ('wakefield.gov.uk', 'pending', ?, ?, 'domain:wakefield.gov.uk')", JO, now);
            handle.execute("INSERT INTO join_request_member (request_id, user_id, asked_at) SELECT id, ?, ? FROM"
                    + " join_request WHERE email_domain = 'wakefield.gov.uk'", JO, now);
        });
        jdbi.useExtension(CouncilDao.class, dao -> {
            dao.addLead(leeds, JO, ADMIN, now);
            dao.addAdmin(JO, ADMIN, now);
            dao.setRate(york, LocalDate.parse("2026-01-01"), 3500, JO, now);
        });
        AuditLog audit = new AuditLog(jdbi, clock);
        audit.record(AuditLog.Change.of(JO, "profile.updated", "specialist", JO).states("bio: old", "bio: Jo's own bio"));
        audit.record(AuditLog.Change.of(ADMIN, "council.lead_add", "council", leeds)
                .states("{\"leads\":[]}", "{\"leads\":[\"" + JO + "\"]}").detail("Leeds City Council"));
        audit.record(AuditLog.Change.of(JO, "hours.week_changed", "specialist_week", JO + "/" + WEEK)
                .states("4 h", "3 h"));

        long ofJo = fixture.booking(JO, KIM, leeds, york, WEEK, 120, "accepted");
        jdbi.useHandle(handle -> handle.execute("UPDATE booking SET need = 'Please ask JO BLOGGS for the maps' WHERE"
                + " id = ?", ofJo));
        ledger.report(ofJo, JO, "2", null);
        ledger.dispute(ofJo, KIM, "Jo Bloggs only did one hour");
        ledger.resolve(ofJo, ADMIN, OptionalInt.of(90), "Settled with Jo Bloggs on the phone");
        long byJo = fixture.booking(ANN, JO, york, leeds, WEEK, 60, "declined");
        jdbi.useHandle(handle -> handle.execute("UPDATE booking SET need = 'Jo''s own need', changed_by = ?,"
                + " reason = 'Busy that week' WHERE id = ?", ANN, byJo));
        jdbi.useTransaction(handle -> {
            Outbox outbox = new Outbox(clock);
            outbox.enqueue(handle, SlackMessages.post("to-jo", JO, "Hello <@" + JO + ">", null));
            outbox.enqueue(handle, SlackMessages.post("to-kim-about-jo", KIM, "<@" + JO + "> cancelled", null));
        });
        return ofJo;
    }

    private List<String> wherever(String text) {
        List<Map<String, Object>> columns = database.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT table_name, column_name FROM information_schema.columns"
                                + " WHERE table_schema = current_schema() AND UPPER(data_type) LIKE '%CHAR%'")
                .mapToMap().list());
        List<String> found = new ArrayList<>();
        for (Map<String, Object> column : columns) {
            String table = String.valueOf(column.get("table_name")).toLowerCase(java.util.Locale.ROOT);
            String name = String.valueOf(column.get("column_name")).toLowerCase(java.util.Locale.ROOT);
            if (table.startsWith("qrtz_") || table.startsWith("flyway_")) {
                continue;
            }
            int rows = database.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM " + table
                    + " WHERE LOWER(" + name + ") LIKE LOWER(:text)").bind("text", "%" + text + "%")
                    .mapTo(Integer.class).one());
            if (rows > 0) {
                found.add(table + "." + name);
            }
        }
        return found;
    }

    private String one(String sql, Object... arguments) {
        return database.jdbi().withHandle(handle -> {
            var query = handle.createQuery(sql);
            for (int i = 0; i < arguments.length; i++) {
                query.bind(i, arguments[i]);
            }
            return query.mapTo(String.class).one();
        });
    }

    @Test
    void nothingOfThePersonRemainsAndEveryoneElsesRowsKeepTheirMeaning() {
        long ofJo = joEverywhere();
        Statement before = new Statements(database.jdbi()).forMonth(YearMonth.of(2026, 11));
        assertThat(before.amountPence()).isEqualTo(6000);

        MemberErasure.Outcome outcome = erasure.forget(JO);

        assertThat(outcome).isEqualTo(new MemberErasure.Outcome.Forgotten("forgotten-1", 0));
        assertThat(wherever(JO)).isEmpty();
        assertThat(wherever("Jo Bloggs")).isEmpty();
        assertThat(wherever("Jo's own")).isEmpty();
        assertThat(wherever("Jo says")).isEmpty();
        assertThat(new Statements(database.jdbi()).forMonth(YearMonth.of(2026, 11))).isEqualTo(before);

        // What others wrote about Jo keeps its words, without Jo's name.
        assertThat(one("SELECT need FROM booking WHERE id = ?", ofJo)).isEqualTo("Please ask [name removed] for the maps");
        assertThat(one("SELECT dispute_reason FROM ledger_entry WHERE booking_id = ?", ofJo))
                .isEqualTo("[name removed] only did one hour");
        assertThat(one("SELECT resolution_note FROM ledger_entry WHERE booking_id = ?", ofJo))
                .isEqualTo("Settled with [name removed] on the phone");
        assertThat(one("SELECT specialist_id FROM ledger_entry WHERE booking_id = ?", ofJo)).isEqualTo("forgotten-1");
        assertThat(one("SELECT reason FROM booking WHERE requester_id = 'forgotten-1'")).isEqualTo("Busy that week");
        assertThat(one("SELECT need FROM booking WHERE requester_id = 'forgotten-1'")).isEqualTo("[erased]");
        // Ann keeps her profile and her permission, now given by a former member.
        assertThat(one("SELECT manager_id FROM specialist WHERE user_id = ?", ANN)).isEqualTo("forgotten-1");
        assertThat(one("SELECT manager_id FROM permission WHERE specialist_id = ?", ANN)).isEqualTo("forgotten-1");
        assertThat(one("SELECT bio FROM specialist WHERE user_id = ?", ANN)).isEqualTo("Ann's bio");
        assertThat(fixture.count("SELECT COUNT(*) FROM specialist")).isEqualTo(1);
        assertThat(fixture.count("SELECT COUNT(*) FROM council_lead")).isZero();
        assertThat(fixture.count("SELECT COUNT(*) FROM pool_admin")).isZero();
        assertThat(one("SELECT set_by FROM council_rate WHERE council_id = ?", york)).isEqualTo("forgotten-1");
        assertThat(one("SELECT reason FROM join_request WHERE email_domain = 'example.org'")).isEqualTo("[erased]");
        assertThat(one("SELECT user_id FROM join_request_member")).isEqualTo("forgotten-1");
        assertThat(one("SELECT requester_id FROM search_demand")).isEqualTo("forgotten-1");
        assertThat(one("SELECT CAST(council_id AS VARCHAR(20)) FROM forgotten_member")).isEqualTo(String.valueOf(leeds));
        assertThat(one("SELECT COALESCE(display_name, '-') || COALESCE(email_domain, '-') FROM member"
                + " WHERE user_id = 'forgotten-1'")).isEqualTo("--");
        // The audit keeps what was done and when; by or about Jo without the details.
        assertThat(fixture.count("SELECT COUNT(*) FROM audit_log WHERE actor = 'forgotten-1'"
                + " AND action <> 'member.forgotten'")).isEqualTo(4);
        assertThat(fixture.count("SELECT COUNT(*) FROM audit_log WHERE actor = 'forgotten-1'"
                + " AND action <> 'member.forgotten'"
                + " AND (before_state IS NOT NULL OR after_state IS NOT NULL OR detail IS NOT NULL)")).isZero();
        assertThat(one("SELECT subject_id FROM audit_log WHERE action = 'hours.week_changed'"))
                .isEqualTo("forgotten-1/" + WEEK);
        assertThat(one("SELECT after_state FROM audit_log WHERE action = 'council.lead_add'"))
                .isEqualTo("{\"leads\":[\"forgotten-1\"]}");
        assertThat(one("SELECT detail FROM audit_log WHERE action = 'ledger.resolved'")).isNull();
        // Messages: Jo's are gone; Kim's says who in words.
        assertThat(one("SELECT params FROM outbox WHERE dedup_key = 'to-kim-about-jo'"))
                .contains("a former member cancelled");
        assertThat(fixture.count("SELECT COUNT(*) FROM outbox WHERE dedup_key = 'to-jo'")).isZero();

        assertThat(erasure.forget(JO)).isEqualTo(new MemberErasure.Outcome.NothingHeld());
        assertThat(fixture.count("SELECT COUNT(*) FROM forgotten_member")).isEqualTo(1);
        assertThat(erasure.forget("U0NOBODY")).isEqualTo(new MemberErasure.Outcome.NothingHeld());
    }

    @Test
    void onlySlackUserIdsCanBeForgotten() {
        for (String bad : new String[] {"%", "U0JO%", "", "u0jo0001", "U0JO0001' OR '1'='1"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> erasure.forget(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
