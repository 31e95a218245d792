package org.talentpool.council;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.talentpool.testing.EndToEndTest;
import org.talentpool.testing.ServiceHarness;
import org.talentpool.testing.SlackClient;

/**
 * The {@code /pool-admin} council commands over signed HTTP, on H2 and PostgreSQL: what they do, and the
 * one-line answer with an example that bad input gets, with nothing written.
 */
class CouncilAdminCommandsTest extends EndToEndTest {
    private static final String ADMIN = ServiceHarness.ADMIN;
    private static final String SAM = "USAM0001";

    private static String admin(String text) {
        SlackClient.Reply reply = slack().command(ADMIN, "/pool-admin", text);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("response_type").asText()).isEqualTo("ephemeral");
        return reply.text();
    }

    private static long count(String sql) {
        return service.jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
    }

    private static void york() {
        assertThat(admin("add-council \"City of York Council\" york.gov.uk")).contains("Added *City of York Council*");
    }

    @Test
    void theHelpListsTheCouncilCommands() {
        assertThat(admin("")).contains("/pool-admin councils pending").contains("/pool-admin approve york.gov.uk")
                .contains("/pool-admin reject york.gov.uk").contains("/pool-admin suspend york.gov.uk")
                .contains("/pool-admin add-council").contains("/pool-admin lead york.gov.uk @Sam")
                .contains("/pool-admin admins add @Sam").contains("/pool-admin rate york.gov.uk £45.50");
        assertThat(slack().command(SAM, "/pool", "").text()).contains("/pool council")
                .doesNotContain("/pool-admin approve");
    }

    @Test
    void domainsAreCheckedBeforeAnythingIsLookedUp() {
        assertThat(admin("approve")).contains("Which council? Give its email domain. Example: `/pool-admin approve"
                + " york.gov.uk`");
        assertThat(admin("approve york")).contains("`york` isn't an email domain. Example:");
        assertThat(admin("approve gov.uk")).contains("shared by many organisations");
        assertThat(admin("approve york.gov.uk please")).contains("Give just the council's email domain");
        assertThat(admin("approve <http://nowhere.gov.uk|nowhere.gov.uk>"))
                .contains("No council has the domain `nowhere.gov.uk`")
                .contains("add-council");
        assertThat(admin("suspend &lt;!channel&gt;")).contains("&lt;!channel&gt;").doesNotContain("<!channel>");
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE actor = '" + ADMIN + "'")).isZero();
    }

    @Test
    void rejectNeedsAReasonAndChangesOnlyWhatMakesSense() {
        york();
        assertThat(admin("reject york.gov.uk")).contains("Give a reason after the domain").contains("Example:");
        assertThat(admin("reject york.gov.uk Not yet")).contains("is approved; to stop its staff using the pool,"
                + " use `/pool-admin suspend york.gov.uk`");
        assertThat(admin("suspend york.gov.uk")).contains("Suspended *City of York Council*");
        assertThat(admin("suspend york.gov.uk")).contains("Only approved councils can be suspended");
        assertThat(admin("reinstate york.gov.uk")).contains("Reinstated");
        assertThat(admin("approve york.gov.uk")).contains("approved already");
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'council.%'")).isEqualTo(3);
    }

    @Test
    void addCouncilRefusesWhatIsIncompleteOrTaken() {
        assertThat(admin("add-council \"\" york.gov.uk")).contains("name is missing");
        assertThat(admin("add-council york.gov.uk")).contains("Give the council's name in quotes");
        assertThat(admin("add-council \"City of York Council\" york.gov.uk yorkcity.gov.uk"))
                .contains("Give just the council's email domain");
        york();
        assertThat(admin("add-council \"Someone Else\" york.gov.uk")).contains("`york.gov.uk` belongs to City of"
                + " York Council (approved) already");
        assertThat(admin("add-council \"Hammersmith &amp; Fulham\" lbhf.gov.uk"))
                .contains("Added *Hammersmith &amp; Fulham*");
        assertThat(count("SELECT COUNT(*) FROM council WHERE name = 'Hammersmith & Fulham'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM council")).isEqualTo(2);
    }

    @Test
    void leadsAreMentionedPeopleWhoWorkForTheCouncil() {
        york();
        fakeSlack().user(SAM, "Sam", "sam@york.gov.uk").user("UKIM0001", "Kim", "kim@leeds.gov.uk");

        assertThat(admin("lead york.gov.uk sam")).contains("`sam` isn't a mention of a person")
                .contains("`/pool-admin lead york.gov.uk @Sam`");
        assertThat(admin("lead york.gov.uk <#C0GENERAL|general>")).contains("That's a channel, not a person");
        assertThat(admin("lead york.gov.uk <!here>")).contains("group or special mention");
        assertThat(admin("lead york.gov.uk <@UKIM0001|kim>")).contains("`leeds.gov.uk`, which isn't a domain of"
                + " *City of York Council*");
        assertThat(admin("lead york.gov.uk <@" + SAM + "|sam>")).contains("<@" + SAM + "> is now a lead of *City of"
                + " York Council*");
        assertThat(admin("lead york.gov.uk")).contains("Leads of *City of York Council*: <@" + SAM + ">");
        await().atMost(Duration.ofSeconds(10)).until(() -> fakeSlack().messagesTo(SAM).size() == 1);
        assertThat(fakeSlack().messagesTo(SAM).get(0).allText()).contains("made you a lead");
        assertThat(slack().command(SAM, "/pool", "council").text()).contains("Leads: <@" + SAM + ">");

        assertThat(admin("lead york.gov.uk remove <@" + SAM + ">")).contains("no longer a lead");
        assertThat(count("SELECT COUNT(*) FROM council_lead")).isZero();
    }

    @Test
    void adminsCannotRemoveTheConfiguredOnes() {
        assertThat(admin("admins")).contains("Community admins: from the POOL_ADMINS setting <@" + ADMIN + ">.");
        assertThat(admin("admins promote <@" + SAM + ">")).contains("Say `add` or `remove`");
        assertThat(admin("admins add sam")).contains("isn't a mention of a person");
        assertThat(admin("admins add <@" + SAM + "|sam>")).contains("<@" + SAM + "> is now a community admin");
        assertThat(slack().command(SAM, "/pool-admin", "admins remove <@" + ADMIN + ">").text())
                .contains("from the POOL_ADMINS setting; only changing that setting");
        assertThat(slack().command(SAM, "/pool-admin", "admins remove <@" + SAM + ">").text())
                .contains("no longer a community admin");
        assertThat(slack().command(SAM, "/pool-admin", "admins").text()).contains("Only community admins");
    }

    @Test
    void ratesArePoundsAndPenceWithinReason() {
        york();
        assertThat(admin("rate york.gov.uk -45")).contains("A rate can't be negative. Example: `/pool-admin rate"
                + " york.gov.uk £45.50`");
        assertThat(admin("rate york.gov.uk 0")).contains("more than £0");
        assertThat(admin("rate york.gov.uk 5000")).contains("looks like a typo");
        assertThat(admin("rate york.gov.uk 45.505")).contains("two decimal places");
        assertThat(admin("rate york.gov.uk lots")).contains("`lots` isn't an amount");
        assertThat(admin("rate york.gov.uk 45 tomorrow")).contains("only `from YYYY-MM-DD` may follow");
        assertThat(admin("rate york.gov.uk 45 from 2027-13-01")).contains("isn't a date like 2027-04-01");
        assertThat(count("SELECT COUNT(*) FROM council_rate")).isZero();

        assertThat(admin("rate york.gov.uk £45.50")).contains("£45.50 an hour for work from");
        assertThat(admin("rate york.gov.uk 48 from 2027-04-01")).contains("£48.00 an hour for work from 1 Apr 2027");
        assertThat(admin("rate york.gov.uk")).contains("£48.00 from 1 Apr 2027").contains("£45.50 from");
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'council.rate'")).isEqualTo(2);
    }

    @Test
    void theListingOfTheRegisterIsBounded() {
        CouncilJoinFlowTest.importRegister();
        admin("approve york.gov.uk");

        String all = admin("councils");
        assertThat(all).contains("*397 councils*: 396 known, 1 approved.")
                .contains("Showing 50 of 397 councils").contains("`/pool-admin councils pending`");
        assertThat(all.lines().filter(line -> line.startsWith("• ")).count()).isEqualTo(50);
        assertThat(admin("councils approved")).contains("*City of York Council* — `york.gov.uk` — approved")
                .doesNotContain("Showing");
        assertThat(admin("councils pending")).contains("No councils pending.");
        assertThat(admin("councils hammersmith")).contains("Hammersmith &amp; Fulham").contains("`lbhf.gov.uk`");
        assertThat(admin("councils known leeds")).contains("Leeds City Council");
    }
}
