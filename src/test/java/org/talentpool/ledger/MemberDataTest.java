package org.talentpool.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.talentpool.search.ExpertFixture;
import org.talentpool.testing.FakeSlack;
import org.talentpool.testing.SlackClient;

/**
 * A member's own data over signed HTTP on H2 and PostgreSQL: {@code /pool export} sends a JSON file with their rows
 * and nobody else's; {@code /pool forget-me} asks first, cancels their open bookings with notice to the other side,
 * leaves no trace of their Slack ID or personal text anywhere, keeps the statement exactly as it was, and a second
 * click changes nothing.
 */
class MemberDataTest extends LedgerEndToEnd {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANN = "U0ANN001";

    /**
     * Jo delivered 2 h for Kim (confirmed), Ann (also Leeds) delivered 1 h for Lee (confirmed); on Friday Kim asks
     * Jo for another hour of this week, still unanswered. Returns Jo's confirmed booking.
     */
    private static long twoSpecialistsDelivered() {
        fixture.specialist(ANN, "leeds.gov.uk", leeds, "Ann's job title", "Ann's private bio", 4, "Hydrology");
        long jos = book(KIM, JO, "2");
        accept(JO, jos);
        long anns = book(LEE, ANN, "1");
        accept(ANN, anns);
        service.clock().set(FRIDAY);
        report(JO, jos, "2", "Jo's delivery note");
        report(ANN, anns, "1", "Ann's delivery note");
        click(KIM, LedgerBlocks.CONFIRM, jos);
        click(LEE, LedgerBlocks.CONFIRM, anns);
        assertThat(entryStatus(jos)).isEqualTo("confirmed");
        assertThat(entryStatus(anns)).isEqualTo("confirmed");
        return jos;
    }

    private static JsonNode export(String user) throws Exception {
        int before = fakeSlack().filesIn(user).size();
        SlackClient.Reply reply = slack().command(user, "/pool", "export");
        assertThat(reply.text()).contains("it will arrive as a JSON file in our direct messages");
        await().atMost(Duration.ofSeconds(15)).until(() -> fakeSlack().filesIn(user).size() > before);
        FakeSlack.SharedFile file = fakeSlack().filesIn(user).get(before);
        assertThat(file.fileName()).startsWith("talent-pool-data-" + user).endsWith(".json");
        return JSON.readTree(file.content());
    }

    @Test
    void anExportHoldsTheMembersRowsAndNobodyElses() throws Exception {
        long booking = twoSpecialistsDelivered();

        JsonNode jo = export(JO);

        assertThat(jo.path("user_id").asText()).isEqualTo(JO);
        assertThat(jo.path("member").path("display_name").asText()).isEqualTo("Jo Bloggs");
        assertThat(jo.path("member").path("email_domain").asText()).isEqualTo("leeds.gov.uk");
        assertThat(jo.path("profile").path("job_title").asText()).isEqualTo("Senior GIS analyst");
        assertThat(jo.path("profile").path("bio").asText()).isEqualTo("Maps for planning.");
        assertThat(jo.path("skills").findValuesAsText("skill")).containsExactly("GIS");
        assertThat(jo.path("permissions_as_specialist")).hasSize(1);
        assertThat(jo.path("permissions_as_specialist").get(0).path("manager_id").asText())
                .isEqualTo(ExpertFixture.MANAGER);
        assertThat(jo.path("weeks").get(0).path("week_start").asText()).isEqualTo(WEEK.toString());
        assertThat(jo.path("bookings_of_your_time")).hasSize(1);
        JsonNode theirBooking = jo.path("bookings_of_your_time").get(0);
        assertThat(theirBooking.path("id").asLong()).isEqualTo(booking);
        assertThat(theirBooking.path("requester_id").asText()).isEqualTo(KIM);
        assertThat(theirBooking.has("need")).isFalse();
        assertThat(jo.path("bookings_you_made")).isEmpty();
        JsonNode hours = jo.path("hours_delivered").get(0);
        assertThat(hours.path("your_side").asText()).isEqualTo("specialist");
        assertThat(hours.path("your_note").asText()).isEqualTo("Jo's delivery note");
        assertThat(hours.path("amount_pence").asLong()).isEqualTo(8000);
        assertThat(jo.path("audit_entries_by_you").findValuesAsText("action"))
                .contains("booking.accepted", "ledger.reported");
        assertThat(jo.path("audit_entries_about_you").findValuesAsText("action")).contains("ledger.confirmed");
        String everything = jo.toString();
        assertThat(everything).doesNotContain(ANN).doesNotContain("Ann's").doesNotContain(LEE)
                .doesNotContain("Kim Lee").doesNotContain("york.gov.uk").doesNotContain("Flood maps");

        JsonNode kim = export(KIM);
        assertThat(kim.path("bookings_you_made").get(0).path("need").asText()).isEqualTo("Flood maps for the Ouse");
        assertThat(kim.path("hours_delivered").get(0).path("your_side").asText()).isEqualTo("requester");
        assertThat(kim.path("hours_delivered").get(0).path("your_note").isNull()).isTrue();
        assertThat(kim.path("profile").isNull()).isTrue();
        assertThat(kim.toString()).doesNotContain("Jo's delivery note").doesNotContain("Maps for planning")
                .doesNotContain(ANN).doesNotContain("Jo Bloggs");
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'member.exported'")).isEqualTo(2);
    }

    @Test
    void forgetMeErasesThePersonKeepsTheStatementAndCanBeClickedTwice() throws Exception {
        twoSpecialistsDelivered();
        long open = book(KIM, JO, "1");
        String statementBefore = adminStatement(MONTH.toString()).text();
        assertThat(statementBefore).contains("Leeds City Council,City of York Council,2,180,3.00,40.00,120.00,0");

        SlackClient.Reply asked = slack().command(JO, "/pool", "forget-me");
        assertThat(asked.text()).contains("Erase your data from Talent Pool?");
        JsonNode button = element(asked.json().path("blocks"), LedgerBlocks.FORGET_ME, 0);
        assertThat(button.path("confirm").path("confirm").path("text").asText()).isEqualTo("Erase");
        assertThat(entryStatus(open)).isEqualTo("none");
        assertThat(bookingStatus(open)).isEqualTo("requested");

        SlackClient.Reply erased = slack().blockAction(JO, LedgerBlocks.FORGET_ME, "erase", "ledger-forget-me",
                "1700000004.000100", "C0GENERAL");
        JsonNode answer = responseTo(erased);
        assertThat(answer.path("text").asText()).startsWith("Done: your profile and personal data are erased, and your"
                + " 1 open bookings are cancelled (the other side was told).").contains("`forgotten-1`");

        assertThat(bookingStatus(open)).isEqualTo("cancelled");
        awaitDms(KIM, "They have left the pool.", 1);
        assertThat(wherever(JO)).isEmpty();
        assertThat(wherever("Jo Bloggs")).isEmpty();
        assertThat(wherever("Maps for planning")).isEmpty();
        assertThat(wherever("Jo's delivery note")).isEmpty();
        assertThat(wherever("Ann's delivery note")).isNotEmpty();
        assertThat(count("SELECT COUNT(*) FROM specialist")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM ledger_entry WHERE specialist_id = 'forgotten-1'"
                + " AND note = '[erased]' AND amount_pence = 8000")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE actor = 'forgotten-1' AND action = 'ledger.reported'"
                + " AND after_state IS NULL AND detail IS NULL")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'member.forgotten'")).isEqualTo(1);

        assertThat(adminStatement(MONTH.toString()).text()).isEqualTo(statementBefore);

        SlackClient.Reply again = slack().blockAction(JO, LedgerBlocks.FORGET_ME, "erase", "ledger-forget-me",
                "1700000004.000100", "C0GENERAL");
        assertThat(responseTo(again).path("text").asText()).isEqualTo("The pool holds no personal data about you:"
                + " there was nothing to erase.");
        assertThat(count("SELECT COUNT(*) FROM forgotten_member")).isEqualTo(1);
        JsonNode export = export(JO);
        assertThat(export.path("member").isNull()).isTrue();
        assertThat(export.path("hours_delivered")).isEmpty();
    }

    /** Every text column of every table of the pool (the outbox's messages too) where {@code text} appears. */
    private static List<String> wherever(String text) {
        List<Map<String, Object>> columns = service.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT table_name, column_name FROM information_schema.columns"
                                + " WHERE table_schema = current_schema() AND UPPER(data_type) LIKE '%CHAR%'")
                .mapToMap().list());
        List<String> found = new ArrayList<>();
        for (Map<String, Object> column : columns) {
            String table = String.valueOf(column.get("table_name")).toLowerCase(java.util.Locale.ROOT);
            String name = String.valueOf(column.get("column_name")).toLowerCase(java.util.Locale.ROOT);
            if (table.startsWith("qrtz_") || table.startsWith("flyway_") || table.equals("specialist_listing")) {
                continue;
            }
            int rows = service.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM " + table
                            + " WHERE " + name + " LIKE :text")
                    .bind("text", "%" + text + "%").mapTo(Integer.class).one());
            if (rows > 0) {
                found.add(table + "." + name);
            }
        }
        return found;
    }
}
