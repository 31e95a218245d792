package org.talentpool.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.talentpool.availability.Weeks;
import org.talentpool.council.CouncilDao;
import org.talentpool.testing.FakeSlack;
import org.talentpool.testing.ServiceHarness;
import org.talentpool.testing.SlackClient;

/**
 * Hours delivered over signed HTTP on H2 and PostgreSQL: book → accept → the Friday job asks → the specialist reports
 * → the requester confirms → the statement has the row; the dispute path to an admin's settlement; confirming
 * automatically after 14 days by the clock; a rate rise mid-month; reporting on demand from {@code /pool bookings};
 * what malformed commands are told; council leads' statements.
 */
class HoursDeliveredFlowTest extends LedgerEndToEnd {
    private static final String LOU = "U0LOU001";
    private static final String HAL = "U0HAL001";

    /** Kim (York) books and Jo (Leeds) accepts 2 h this week; on Friday the job asks Jo. Returns the booking. */
    private static long bookedAcceptedAndAsked() {
        long booking = book(KIM, JO, "2");
        accept(JO, booking);
        service.clock().set(FRIDAY);
        runJob(HoursDeliveredJob.NAME);
        assertThat(entryStatus(booking)).isEqualTo("asked");
        return booking;
    }

    @Test
    void bookAcceptFridayJobReportConfirmAndTheStatementHasTheRow() throws Exception {
        long booking = bookedAcceptedAndAsked();

        FakeSlack.Call ask = awaitDms(JO, "How many hours did you deliver", 1).get(0);
        assertThat(ask.param("text")).isEqualTo("How many hours did you deliver for <@" + KIM + "> (City of York"
                + " Council) in " + THE_WEEK + "? They booked 2 h.");
        assertThat(element(ask.json("blocks"), LedgerBlocks.REPORT, 0).path("value").asText())
                .isEqualTo(String.valueOf(booking));

        JsonNode form = openReportForm(JO, booking);
        assertThat(form.path("callback_id").asText()).isEqualTo(LedgerModal.REPORT);
        assertThat(element(form.path("blocks"), LedgerService.HOURS, 0).path("initial_value").asText()).isEqualTo("2");
        SlackClient.Reply sent = submitReport(JO, booking, "2", null);
        assertThat(sent.text()).contains("I've asked <@" + KIM + "> to confirm the 2 h you delivered");

        FakeSlack.Call toConfirm = awaitDms(KIM, "reports 2 h delivered", 1).get(0);
        assertThat(toConfirm.param("text")).isEqualTo("<@" + JO + "> (Leeds City Council) reports 2 h delivered for"
                + " your booking in " + THE_WEEK + " (booked 2 h).");
        assertThat(toConfirm.allText()).contains("Confirm 2 h").contains("Dispute")
                .contains("they are confirmed automatically");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(fakeSlack().calls("views.publish")
                .stream().filter(call -> KIM.equals(call.param("user_id"))).map(FakeSlack.Call::allText))
                .anySatisfy(home -> assertThat(home).contains("Hours to confirm").contains("Confirm 2 h")));

        SlackClient.Reply confirmed = click(KIM, LedgerBlocks.CONFIRM, booking);
        assertThat(confirmed.status()).isEqualTo(200);
        JsonNode replaced = responseTo(confirmed);
        assertThat(replaced.path("replace_original").asBoolean()).isTrue();
        assertThat(replaced.path("text").asText()).isEqualTo("✅ You confirmed the 2 h <@" + JO + "> delivered in "
                + THE_WEEK + ": £80.00 at £40.00/h.");
        awaitDms(JO, "confirmed the 2 h you delivered", 1);
        assertThat(entryStatus(booking)).isEqualTo("confirmed");

        FakeSlack.SharedFile file = adminStatement(MONTH.toString());
        assertThat(file.fileName()).isEqualTo("talent-pool-statement-" + MONTH + ".csv");
        assertThat(file.channel()).isEqualTo(FakeSlack.dmChannel(ADMIN));
        List<CSVRecord> rows = rows(file);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).toMap()).containsEntry("provider_council", "Leeds City Council")
                .containsEntry("requester_council", "City of York Council").containsEntry("bookings", "1")
                .containsEntry("minutes", "120").containsEntry("hours", "2.00")
                .containsEntry("rates_gbp_per_hour", "40.00").containsEntry("amount_gbp", "80.00")
                .containsEntry("unpriced_bookings", "0");
        assertThat(file.initialComment()).contains("*Statement for " + Statements.monthName(MONTH) + "*")
                .contains("1 booking between 1 pair of councils: 2 h, *£80.00* in total.");

        assertThat(rows(adminStatement(MONTH.minusMonths(1).toString()))).isEmpty();
        assertThat(service.get("/reports/statements/" + MONTH + ".csv").status()).isEqualTo(404);
    }

    @Test
    void aDisputeGoesToTheAdminsWhoSettleItAndTheStatementCountsTheirHours() throws Exception {
        long booking = bookedAcceptedAndAsked();
        report(JO, booking, "2", null);

        int opened = fakeSlack().calls("views.open").size();
        click(KIM, LedgerBlocks.DISPUTE, booking);
        JsonNode form = fakeSlack().calls("views.open").get(opened).json("view");
        assertThat(form.path("callback_id").asText()).isEqualTo(LedgerModal.DISPUTE);
        SlackClient.Reply empty = slack().viewSubmission(KIM, LedgerModal.DISPUTE, "VDISPUTE0", String.valueOf(booking),
                SlackClient.values().text(LedgerService.REASON, LedgerService.REASON, " ").build());
        assertThat(empty.json().path("response_action").asText()).isEqualTo("errors");
        assertThat(entryStatus(booking)).isEqualTo("reported");

        SlackClient.Reply disputed = slack().viewSubmission(KIM, LedgerModal.DISPUTE, "VDISPUTE1",
                String.valueOf(booking), SlackClient.values().text(LedgerService.REASON, LedgerService.REASON,
                        "<!channel> only one hour & a half happened").build());
        assertThat(disputed.text()).contains("I've told <@" + JO + "> and the community admins");
        assertThat(entryStatus(booking)).isEqualTo("disputed");

        FakeSlack.Call toJo = awaitDms(JO, "disputed the 2 h you reported", 1).get(0);
        assertThat(toJo.allText()).contains("&lt;!channel&gt; only one hour &amp; a half happened")
                .doesNotContain("<!channel>");
        awaitDms(ServiceHarness.ADMIN_CHANNEL, "Hours disputed (#" + booking + ")", 1);
        assertThat(admin("disputes").text()).contains("*#" + booking + "*").contains("disputes the 2 h")
                .contains("&lt;!channel&gt; only one hour");

        assertThat(admin("resolve").text()).contains("Give the number of the disputed hours");
        assertThat(admin("resolve " + booking + " lots").text()).contains("`lots` isn't `confirm` or a number of hours");
        SlackClient.Reply settled = admin("resolve #" + booking + " 1.5 Agreed <b>half</b> on the phone");
        assertThat(settled.text()).contains("Settled #" + booking + ": 1.5 h confirmed (2 h reported), £60.00 at"
                + " £40.00/h. I've told both sides.");
        assertThat(admin("resolve " + booking + " confirm").text()).contains("is settled already: 1.5 h confirmed");
        awaitDms(JO, "settled the disputed hours", 1);
        FakeSlack.Call toKim = awaitDms(KIM, "settled the disputed hours", 1).get(0);
        assertThat(toKim.allText()).contains("Agreed &lt;b&gt;half&lt;/b&gt; on the phone");
        assertThat(admin("disputes").text()).contains("No hours are in dispute.");

        CSVRecord row = rows(adminStatement(MONTH.toString())).get(0);
        assertThat(row.get("minutes")).isEqualTo("90");
        assertThat(row.get("amount_gbp")).isEqualTo("60.00");
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'ledger.resolved' AND actor = '" + ADMIN + "'"))
                .isEqualTo(1);
    }

    @Test
    void hoursNobodyAnswersAreConfirmedAfterFourteenDaysAndBothAreTold() throws Exception {
        long booking = bookedAcceptedAndAsked();
        report(JO, booking, "2", null);

        service.clock().set(FRIDAY.plus(Duration.ofDays(13)));
        runJob(AutoConfirmJob.NAME);
        assertThat(entryStatus(booking)).isEqualTo("reported");

        service.clock().set(FRIDAY.plus(Duration.ofDays(14)).plusSeconds(1));
        runJob(AutoConfirmJob.NAME);
        assertThat(entryStatus(booking)).isEqualTo("confirmed");
        awaitDms(KIM, "You neither confirmed nor disputed the 2 h", 1);
        awaitDms(JO, "were not answered within 14 days", 1);
        runJob(AutoConfirmJob.NAME);
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'ledger.auto_confirmed'")).isEqualTo(1);

        SlackClient.Reply late = click(KIM, LedgerBlocks.CONFIRM, booking);
        assertThat(responseTo(late).path("text").asText()).isEqualTo("The hours for " + THE_WEEK + " are confirmed"
                + " already: 2 h.");
        assertThat(rows(adminStatement(MONTH.toString())).get(0).get("amount_gbp")).isEqualTo("80.00");
    }

    @Test
    void aRateRiseMidMonthShowsBothRatesAndAddsUpPerEntry() throws Exception {
        assertThat(admin("rate leeds.gov.uk £45 from " + WEEK.plusWeeks(2)).text()).contains("£45.00");
        long early = book(KIM, JO, "2");
        accept(JO, early);
        service.clock().set(MONDAY.plus(Duration.ofDays(21)));
        long late = book(KIM, JO, "3");
        accept(JO, late);
        service.clock().set(FRIDAY.plus(Duration.ofDays(21)));
        runJob(HoursDeliveredJob.NAME);
        awaitDms(JO, "How many hours did you deliver", 2);

        report(JO, early, "2", null);
        report(JO, late, "2:20", "The last session was shorter");
        click(KIM, LedgerBlocks.CONFIRM, early);
        click(KIM, LedgerBlocks.CONFIRM, late);
        assertThat(entryStatus(early)).isEqualTo("confirmed");
        assertThat(entryStatus(late)).isEqualTo("confirmed");

        FakeSlack.SharedFile file = adminStatement(MONTH.toString());
        CSVRecord row = rows(file).get(0);
        assertThat(row.get("bookings")).isEqualTo("2");
        assertThat(row.get("minutes")).isEqualTo("260");
        assertThat(row.get("rates_gbp_per_hour")).isEqualTo("40.00; 45.00");
        // 2 h at £40.00 = £80.00; 2 h 20 min at £45.00 = £105.00
        assertThat(row.get("amount_gbp")).isEqualTo("185.00");
        assertThat(file.initialComment()).contains("£40.00/h and £45.00/h");
    }

    @Test
    void pastBookingsOfferReportHoursInPoolBookingsFromTheFriday() {
        long booking = book(KIM, JO, "2");
        accept(JO, booking);

        assertThat(slack().command(JO, "/pool", "bookings").text()).doesNotContain("Hours delivered to report");
        SlackClient.Reply early = click(JO, LedgerBlocks.REPORT, booking);
        assertThat(responseTo(early).path("text").asText()).isEqualTo("You can report the hours from Friday "
                + Weeks.dayMonth(WEEK.plusDays(4)) + ", when the week's work is done.");

        service.clock().set(FRIDAY.minus(Duration.ofHours(5)));
        SlackClient.Reply bookings = slack().command(JO, "/pool", "bookings");
        assertThat(bookings.text()).contains("Hours delivered to report")
                .contains("<@" + KIM + "> (City of York Council) · 2 h booked in " + THE_WEEK);
        assertThat(element(bookings.json().path("blocks"), LedgerBlocks.REPORT, 0).path("value").asText())
                .isEqualTo(String.valueOf(booking));
        assertThat(slack().command(KIM, "/pool", "bookings").text()).doesNotContain("Hours delivered to report");

        SlackClient.Reply notKims = click(KIM, LedgerBlocks.REPORT, booking);
        assertThat(responseTo(notKims).path("text").asText()).isEqualTo("Only <@" + JO + "> can do this.");

        openReportForm(JO, booking);
        SlackClient.Reply withoutNote = submitReport(JO, booking, "3", null);
        assertThat(withoutNote.json().path("response_action").asText()).isEqualTo("errors");
        assertThat(withoutNote.json().path("errors").path(LedgerService.NOTE).asText())
                .contains("differs from the 2 h booked");
        SlackClient.Reply badHours = submitReport(JO, booking, "a lot", "x");
        assertThat(badHours.json().path("errors").path(LedgerService.HOURS).asText())
                .contains("Give the hours delivered as a number");
        assertThat(entryStatus(booking)).isEqualTo("none");

        SlackClient.Reply done = submitReport(JO, booking, "3", "We added a workshop <@U0LEE001>");
        assertThat(done.json().path("response_action").asText()).isEqualTo("update");
        FakeSlack.Call toKim = awaitDms(KIM, "reports 3 h delivered", 1).get(0);
        assertThat(toKim.allText()).contains("We added a workshop &lt;@U0LEE001&gt;");
        assertThat(slack().command(JO, "/pool", "bookings").text()).doesNotContain("Hours delivered to report");
        assertThat(dmsContaining(JO, "How many hours did you deliver")).isEmpty();

        SlackClient.Reply again = submitReport(JO, booking, "2", null);
        assertThat(again.text()).contains("You reported 3 h for " + THE_WEEK + " already");
    }

    @Test
    void aDoubleClickedConfirmConfirmsOnce() {
        long booking = bookedAcceptedAndAsked();
        report(JO, booking, "2", null);

        SlackClient.Reply first = click(KIM, LedgerBlocks.CONFIRM, booking);
        SlackClient.Reply second = click(KIM, LedgerBlocks.CONFIRM, booking);

        assertThat(responseTo(first).path("text").asText()).startsWith("✅ You confirmed the 2 h");
        assertThat(responseTo(second).path("text").asText()).contains("are confirmed already");
        awaitDms(JO, "confirmed the 2 h you delivered", 1);
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'ledger.confirmed'")).isEqualTo(1);
        SlackClient.Reply jo = click(JO, LedgerBlocks.CONFIRM, booking);
        assertThat(responseTo(jo).path("text").asText()).isEqualTo("Only <@" + KIM + "> can do this.");
    }

    @Test
    void statementCommandsExplainMistakesAndLeadsSeeOnlyTheirCouncil() throws Exception {
        assertThat(admin("statement").text()).contains("Which month? Give it as YYYY-MM, for example"
                + " `/pool-admin statement 2026-11`.");
        assertThat(admin("statement 2026-13").text()).contains("`2026-13` isn't a month.");
        assertThat(admin("statement <!here>").text()).contains("`&lt;!here&gt;` isn't a month.");
        assertThat(slack().command(KIM, "/pool", "statement " + MONTH).text())
                .contains("Only council leads can see their council's statement.");

        // Leeds → York (Jo for Kim), and Hull → Leeds (Hal for Lou; Hull has no rate).
        fakeSlack().user(LOU, "Lou Leeds", "lou@leeds.gov.uk");
        hull(HAL, 4, "Python");
        long forYork = book(KIM, JO, "2");
        accept(JO, forYork);
        long fromHull = book(LOU, HAL, "1");
        accept(HAL, fromHull);
        service.clock().set(FRIDAY);
        report(JO, forYork, "2", null);
        report(HAL, fromHull, "1", null);
        click(KIM, LedgerBlocks.CONFIRM, forYork);
        click(LOU, LedgerBlocks.CONFIRM, fromHull);
        assertThat(entryStatus(fromHull)).isEqualTo("confirmed");

        List<CSVRecord> all = rows(adminStatement(MONTH.toString()));
        assertThat(all).extracting(row -> row.get("provider_council") + " → " + row.get("requester_council") + ": "
                        + row.get("rates_gbp_per_hour") + " " + row.get("amount_gbp") + " " + row.get("unpriced_bookings"))
                .containsExactly("Hull City Council → Leeds City Council: none 0.00 1",
                        "Leeds City Council → City of York Council: 40.00 80.00 0");

        service.jdbi().useExtension(CouncilDao.class, dao -> dao.addLead(york, LEE, ADMIN,
                OffsetDateTime.now(service.clock())));
        FakeSlack.SharedFile leads = statement(LEE, "/pool", MONTH.toString());
        assertThat(rows(leads)).extracting(row -> row.get("requester_council")).containsExactly("City of York Council");
        assertThat(leads.initialComment()).contains("— City of York Council");
        assertThat(leads.title()).isEqualTo("Statement " + MONTH + " — City of York Council");
    }
}
