package org.talentpool.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.YearMonth;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class StatementCsvTest {
    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);

    private static Statement.Row row(String provider, String requester, long bookings, long minutes, List<Integer> rates,
                                     long amount, long unpriced) {
        return new Statement.Row(1, provider, 2, requester, bookings, minutes, rates, amount, unpriced,
                unpriced == 0 ? 0 : 60);
    }

    static List<CSVRecord> parse(String csv) throws Exception {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv))
                .getRecords();
    }

    @Test
    void aMonthWithNoActivityIsTheHeaderAlone() {
        assertThat(StatementCsv.csv(new Statement(NOVEMBER, List.of()))).isEqualTo(
                "month,provider_council,requester_council,bookings,minutes,hours,rates_gbp_per_hour,amount_gbp,"
                        + "unpriced_bookings\r\n");
    }

    @Test
    void oneRowPerPairWithRatesAmountInPoundsAndHours() throws Exception {
        String csv = StatementCsv.csv(new Statement(NOVEMBER, List.of(
                row("Leeds City Council", "City of York Council", 2, 300, List.of(4000, 4500), 21500, 0))));

        List<CSVRecord> records = parse(csv);
        assertThat(records).hasSize(1);
        CSVRecord record = records.get(0);
        assertThat(record.get("month")).isEqualTo("2026-11");
        assertThat(record.get("provider_council")).isEqualTo("Leeds City Council");
        assertThat(record.get("requester_council")).isEqualTo("City of York Council");
        assertThat(record.get("bookings")).isEqualTo("2");
        assertThat(record.get("minutes")).isEqualTo("300");
        assertThat(record.get("hours")).isEqualTo("5.00");
        assertThat(record.get("rates_gbp_per_hour")).isEqualTo("40.00; 45.00");
        assertThat(record.get("amount_gbp")).isEqualTo("215.00");
        assertThat(record.get("unpriced_bookings")).isEqualTo("0");
    }

    @Test
    void councilNamesWithCommasQuotesAndLineBreaksAreQuotedAndComeBackIntact() throws Exception {
        String awkward = "Bristol, City of \"Council\"";
        String twoLines = "Hull\nCity Council";
        String csv = StatementCsv.csv(new Statement(NOVEMBER, List.of(
                row(awkward, twoLines, 1, 60, List.of(4000), 4000, 0))));

        assertThat(csv).contains("\"Bristol, City of \"\"Council\"\"\"");
        CSVRecord record = parse(csv).get(0);
        assertThat(record.get("provider_council")).isEqualTo(awkward);
        assertThat(record.get("requester_council")).isEqualTo(twoLines);
        assertThat(record.size()).isEqualTo(StatementCsv.HEADER.size());
    }

    @Test
    void entriesWithoutARateAreFlaggedNotPricedAtZeroSilently() throws Exception {
        CSVRecord partly = parse(StatementCsv.csv(new Statement(NOVEMBER, List.of(
                row("Leeds City Council", "City of York Council", 3, 240, List.of(4000), 4000, 2))))).get(0);
        assertThat(partly.get("rates_gbp_per_hour")).isEqualTo("40.00; none");
        assertThat(partly.get("unpriced_bookings")).isEqualTo("2");

        CSVRecord none = parse(StatementCsv.csv(new Statement(NOVEMBER, List.of(
                row("Hull City Council", "City of York Council", 1, 60, List.of(), 0, 1))))).get(0);
        assertThat(none.get("rates_gbp_per_hour")).isEqualTo("none");
        assertThat(none.get("amount_gbp")).isEqualTo("0.00");
        assertThat(none.get("unpriced_bookings")).isEqualTo("1");
    }

    @Test
    void monthsAreYearDashMonthOnly() {
        assertThat(Statements.parseMonth("2026-11")).contains(NOVEMBER);
        assertThat(Statements.parseMonth(" 2027-01 ")).contains(YearMonth.of(2027, 1));
        for (String bad : new String[] {"", "2026-13", "2026-00", "2026-1", "11-2026", "2026/11", "november",
                "1999-12", "2026-11-01", null}) {
            assertThat(Statements.parseMonth(bad)).as(bad).isEmpty();
        }
        assertThat(Statements.monthName(NOVEMBER)).isEqualTo("November 2026");
    }

    @Test
    void theSummaryGivesTotalsAndWhatIsNotPriced() {
        Statement statement = new Statement(NOVEMBER, List.of(
                row("Leeds City Council", "City of York Council", 2, 300, List.of(4000, 4500), 21500, 0),
                row("Hull <City> Council", "City of York Council", 1, 60, List.of(), 0, 1)));

        String summary = StatementSummary.text(statement, "");

        assertThat(summary).startsWith("*Statement for November 2026*")
                .contains("3 bookings between 2 pairs of councils: 6 h, *£215.00* in total.")
                .contains("• City of York Council owes Leeds City Council £215.00 for 5 h (2 bookings, £40.00/h and"
                        + " £45.00/h)")
                .contains("Hull &lt;City&gt; Council")
                .contains("⚠️ 1 booking (1 h) not priced")
                .contains("`/pool-admin reprice 2026-11`");
        assertThat(StatementSummary.text(new Statement(NOVEMBER, List.of()), "City of York Council"))
                .contains("— City of York Council").contains("No confirmed hours: the file has the header only.");
    }
}
