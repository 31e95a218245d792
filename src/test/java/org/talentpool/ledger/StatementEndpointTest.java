package org.talentpool.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.talentpool.search.ExpertFixture;
import org.talentpool.testing.MutableClock;
import org.talentpool.testing.ServiceHarness;
import org.talentpool.testing.TestDatabase;

/**
 * {@code GET /reports/statements/<YYYY-MM>.csv} on a service started with {@code REPORTS_TOKEN}, on H2 and
 * PostgreSQL: the CSV with the right bearer token, 401 without it or with another, 400 for a bad month, the header
 * alone for a month without activity. (Without {@code REPORTS_TOKEN} the path answers 404: see
 * {@link HoursDeliveredFlowTest}.)
 */
@ParameterizedClass(name = "{0}")
@MethodSource("org.talentpool.testing.TestDatabase#kinds")
class StatementEndpointTest {
    private static final String TOKEN = "reports-token-0123456789abcdef";
    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    private static ServiceHarness service;
    private final HttpClient http = HttpClient.newHttpClient();

    @Parameter
    TestDatabase.Kind kind;

    @BeforeParameterizedClassInvocation
    static void startService(TestDatabase.Kind kind) throws Exception {
        service = ServiceHarness.start(kind, Map.of("REPORTS_TOKEN", TOKEN));
    }

    @AfterParameterizedClassInvocation
    static void stopService() {
        if (service != null) {
            service.close();
            service = null;
        }
    }

    @BeforeEach
    void emptyData() {
        service.reset();
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .timeout(Duration.ofSeconds(10)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Two pairs of councils with confirmed hours in November 2026, one council's name needing quotes. */
    private void confirmedHours() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-10T12:00:00Z"));
        LedgerFixture fixture = new LedgerFixture(service.jdbi(), clock);
        ExpertFixture councils = new ExpertFixture(service.jdbi(), clock);
        long leeds = councils.council("LDS", "Leeds City Council", "leeds.gov.uk", "approved");
        long bristol = councils.council("BST", "Bristol, City of \"Council\"", "bristol.gov.uk", "approved");
        fixture.rate(leeds, LocalDate.parse("2026-01-01"), 4000);
        fixture.rate(bristol, LocalDate.parse("2026-01-01"), 5237);
        LedgerService ledger = fixture.service();
        long first = fixture.booking("U0JO0001", "U0BOB001", leeds, bristol, LocalDate.parse("2026-11-02"), 120,
                "accepted");
        long second = fixture.booking("U0BOB002", "U0JO0002", bristol, leeds, LocalDate.parse("2026-11-30"), 60,
                "accepted");
        for (LedgerService.Answer answer : List.of(ledger.report(first, "U0JO0001", "1:50", "Shorter"),
                ledger.confirm(first, "U0BOB001"), ledger.report(second, "U0BOB002", "1", null),
                ledger.confirm(second, "U0JO0002"))) {
            assertThat(answer).isInstanceOf(LedgerService.Answer.Done.class);
        }
    }

    @Test
    void theRightBearerTokenGetsTheMonthsStatementAsCsv() throws Exception {
        confirmedHours();

        HttpResponse<String> response = get("/reports/statements/2026-11.csv", "Bearer " + TOKEN);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/csv"));
        assertThat(response.headers().firstValue("Content-Disposition"))
                .contains("attachment; filename=\"talent-pool-statement-2026-11.csv\"");
        assertThat(response.body()).contains("\"Bristol, City of \"\"Council\"\"\"");
        List<CSVRecord> rows = StatementCsvTest.parse(response.body());
        assertThat(rows).extracting(row -> row.get("provider_council") + " → " + row.get("requester_council") + " "
                        + row.get("minutes") + " " + row.get("rates_gbp_per_hour") + " " + row.get("amount_gbp"))
                .containsExactly(
                        // 1 h at £52.37
                        "Bristol, City of \"Council\" → Leeds City Council 60 52.37 52.37",
                        // 1 h 50 min at £40.00 = £73.333… → £73.33
                        "Leeds City Council → Bristol, City of \"Council\" 110 40.00 73.33");
        assertThat(get("/reports/statements/2026-11.csv", "bearer " + TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void withoutTheRightTokenTheAnswerIs401() throws Exception {
        confirmedHours();
        for (String authorization : new String[] {null, "Bearer", "Bearer wrong-token-0123456789abcdef",
                "Bearer " + TOKEN + "x", "Basic " + TOKEN, TOKEN}) {
            HttpResponse<String> response = get("/reports/statements/2026-11.csv", authorization);
            assertThat(response.statusCode()).as(String.valueOf(authorization)).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"reports\"");
            assertThat(response.body()).doesNotContain("Leeds");
        }
    }

    @Test
    void aBadMonthIs400AndAMonthWithoutActivityIsTheHeaderAlone() throws Exception {
        for (String path : new String[] {"2026-13.csv", "2026-11.txt", "november.csv", "2026-11", "26-11.csv"}) {
            HttpResponse<String> response = get("/reports/statements/" + path, "Bearer " + TOKEN);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.body()).contains("Give the month as YYYY-MM");
        }

        HttpResponse<String> empty = get("/reports/statements/" + NOVEMBER.minusMonths(5) + ".csv", "Bearer " + TOKEN);
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body()).isEqualTo(String.join(",", StatementCsv.HEADER) + "\r\n");
    }
}
