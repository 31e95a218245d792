package org.talentpool.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talentpool.search.ExpertFixture;
import org.talentpool.testing.DatabaseTest;
import org.talentpool.testing.MutableClock;

/**
 * A month with many confirmed entries of awkward minutes, two rates for one council (a rise mid-month), a council
 * without a rate and weeks at both edges of the month: the statement, its CSV and the ledger agree to the penny with
 * an independent calculation, on H2 and PostgreSQL.
 */
class StatementReconciliationTest extends DatabaseTest {
    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    // Weeks by their Monday: 26 Oct counts in October, 30 Nov in November (though it ends in December).
    private static final List<LocalDate> WEEKS = List.of(LocalDate.parse("2026-10-26"), LocalDate.parse("2026-11-02"),
            LocalDate.parse("2026-11-09"), LocalDate.parse("2026-11-16"), LocalDate.parse("2026-11-23"),
            LocalDate.parse("2026-11-30"), LocalDate.parse("2026-12-07"));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-18T12:00:00Z"));
    private LedgerFixture fixture;
    private LedgerService ledger;
    private final List<Long> councils = new ArrayList<>();
    private final Map<Long, String> names = new HashMap<>();

    /** What each council charges from each week (the rate on the week's Monday); none for Hull. */
    private Integer rate(long council, LocalDate week) {
        String name = names.get(council);
        if (name.startsWith("Leeds")) {
            return week.isBefore(LocalDate.parse("2026-11-16")) ? 4000 : 4550;
        }
        if (name.startsWith("City of York")) {
            return 3551;
        }
        if (name.startsWith("Bristol")) {
            return 5237;
        }
        return null;
    }

    @BeforeEach
    void setUp() {
        fixture = new LedgerFixture(database.jdbi(), clock);
        fixture.clear();
        ExpertFixture councilFixture = new ExpertFixture(database.jdbi(), clock);
        councils.clear();
        for (String[] council : new String[][] {{"LDS", "Leeds City Council", "leeds.gov.uk"},
                {"YOR", "City of York Council", "york.gov.uk"}, {"BST", "Bristol, City of", "bristol.gov.uk"},
                {"KHL", "Hull City Council", "hull.gov.uk"}}) {
            long id = councilFixture.council(council[0], council[1], council[2], "approved");
            councils.add(id);
            names.put(id, council[1]);
        }
        fixture.rate(councils.get(0), LocalDate.parse("2026-01-01"), 4000);
        fixture.rate(councils.get(0), LocalDate.parse("2026-11-16"), 4550);
        fixture.rate(councils.get(1), LocalDate.parse("2026-01-01"), 3551);
        fixture.rate(councils.get(2), LocalDate.parse("2026-01-01"), 5237);
        ledger = fixture.service();
    }

    @Test
    void theStatementReconcilesToThePennyWithTheSumOfConfirmedEntries() throws Exception {
        Random random = new Random(20261128L);
        long expectedPence = 0;
        long expectedMinutes = 0;
        int expectedBookings = 0;
        int expectedUnpriced = 0;
        Map<List<Long>, Long> expectedByPair = new HashMap<>();
        for (int i = 0; i < 240; i++) {
            long provider = councils.get(random.nextInt(councils.size()));
            long requester;
            do {
                requester = councils.get(random.nextInt(councils.size()));
            } while (requester == provider);
            LocalDate week = WEEKS.get(random.nextInt(WEEKS.size()));
            int booked = 30 * (1 + random.nextInt(16));
            int delivered = random.nextInt(601);
            String specialist = "U0S" + i;
            String requesterId = "U0R" + i;
            long booking = fixture.booking(specialist, requesterId, provider, requester, week, booked, "accepted");
            assertThat(ledger.report(booking, specialist, DeliveredHours.input(delivered), "Delivered " + delivered))
                    .isInstanceOf(LedgerService.Answer.Done.class);
            if (random.nextInt(10) == 0) {
                continue; // reported but not confirmed: not in any statement
            }
            assertThat(ledger.confirm(booking, requesterId)).isInstanceOf(LedgerService.Answer.Done.class);
            if (!YearMonth.from(week).equals(NOVEMBER)) {
                continue;
            }
            expectedBookings++;
            expectedMinutes += delivered;
            Integer rate = rate(provider, week);
            if (rate == null) {
                expectedUnpriced++;
                continue;
            }
            long pence = BigDecimal.valueOf((long) delivered * rate).divide(BigDecimal.valueOf(60), 0,
                    RoundingMode.HALF_UP).longValueExact();
            expectedPence += pence;
            expectedByPair.merge(List.of(provider, requester), pence, Long::sum);
        }

        Statement statement = new Statements(database.jdbi()).forMonth(NOVEMBER);

        assertThat(statement.amountPence()).isEqualTo(expectedPence);
        assertThat(statement.minutes()).isEqualTo(expectedMinutes);
        assertThat(statement.bookings()).isEqualTo(expectedBookings);
        assertThat(statement.unpricedBookings()).isEqualTo(expectedUnpriced);
        Long ledgerTotal = database.jdbi().withHandle(handle -> handle.createQuery("SELECT SUM(amount_pence) FROM"
                        + " ledger_entry WHERE status = 'confirmed' AND week_start >= :from AND week_start < :to")
                .bind("from", NOVEMBER.atDay(1)).bind("to", NOVEMBER.plusMonths(1).atDay(1))
                .mapTo(Long.class).one());
        assertThat(ledgerTotal).isEqualTo(expectedPence);
        for (Statement.Row row : statement.rows()) {
            assertThat(row.amountPence()).as("%s → %s", row.providerCouncil(), row.requesterCouncil())
                    .isEqualTo(expectedByPair.getOrDefault(List.of(row.providerCouncilId(), row.requesterCouncilId()),
                            0L));
            if (row.providerCouncil().startsWith("Leeds")) {
                assertThat(row.ratesPence()).containsExactly(4000, 4550);
            }
            if (row.providerCouncil().startsWith("Hull")) {
                assertThat(row.ratesPence()).isEmpty();
                assertThat(row.unpricedBookings()).isEqualTo(row.bookings());
            }
        }
        assertThat(statement.rows()).hasSize(12);

        List<CSVRecord> records = StatementCsvTest.parse(StatementCsv.csv(statement));
        assertThat(records).hasSize(statement.rows().size());
        BigDecimal csvTotal = records.stream().map(record -> new BigDecimal(record.get("amount_gbp")))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(csvTotal.movePointRight(2).longValueExact()).isEqualTo(expectedPence);
        assertThat(records.stream().mapToLong(record -> Long.parseLong(record.get("minutes"))).sum())
                .isEqualTo(expectedMinutes);
        assertThat(records).anySatisfy(record -> assertThat(record.get("provider_council"))
                .isEqualTo("Bristol, City of"));

        Statement october = new Statements(database.jdbi()).forMonth(YearMonth.of(2026, 10));
        assertThat(october.bookings()).isPositive();
        assertThat(october.bookings() + statement.bookings()).isLessThan(240);
        assertThat(new Statements(database.jdbi()).forMonth(YearMonth.of(2026, 9)).isEmpty()).isTrue();
    }
}
