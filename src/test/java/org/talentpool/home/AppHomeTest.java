package org.talentpool.home;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talentpool.council.CouncilDao;
import org.talentpool.testing.EndToEndTest;
import org.talentpool.testing.FakeSlack;
import org.talentpool.testing.ServiceHarness;
import org.talentpool.testing.SlackClient;

/** Opening the Home tab publishes the member's App Home, over signed HTTP, through the outbox to Slack. */
class AppHomeTest extends EndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void councils() {
        service.jdbi().useExtension(CouncilDao.class, dao -> {
            OffsetDateTime now = OffsetDateTime.now(service.clock());
            long leeds = dao.insertCouncil("LDS", "Leeds City Council", "Leeds", "England", "Metropolitan district",
                    "approved", now);
            dao.insertDomain("leeds.gov.uk", leeds);
            long york = dao.insertCouncil("YOR", "City of York Council", "York", "England", "Unitary authority",
                    "pending", now);
            dao.insertDomain("york.gov.uk", york);
        });
        fakeSlack().user("U0PLANNER", "Leeds Planner", "planner@leeds.gov.uk")
                .user("U0YORK", "York Officer", "officer@york.gov.uk")
                .user("U0SHEF", "Sheffield Officer", "officer@sheffield.gov.uk")
                .user(ServiceHarness.ADMIN, "Pool Admin", "admin@leeds.gov.uk");
    }

    private static SlackClient.Reply openHome(String userId) {
        return slack().event(userId, "app_home_opened", JSON.createObjectNode().put("tab", "home")
                .put("channel", "D" + userId.substring(1)));
    }

    private static FakeSlack.Call publishedHome(String userId) {
        await().atMost(Duration.ofSeconds(15)).until(() -> !homes(userId).isEmpty());
        List<FakeSlack.Call> homes = homes(userId);
        return homes.get(homes.size() - 1);
    }

    private static List<FakeSlack.Call> homes(String userId) {
        return fakeSlack().calls("views.publish").stream().filter(call -> userId.equals(call.param("user_id"))).toList();
    }

    @Test
    void aMemberOfAnApprovedCouncilSeesTheirCouncilAndTheCommands() {
        SlackClient.Reply reply = openHome("U0PLANNER");

        assertThat(reply.status()).isEqualTo(200);
        FakeSlack.Call home = publishedHome("U0PLANNER");
        assertThat(home.token()).isEqualTo(ServiceHarness.BOT_TOKEN);
        assertThat(home.json("view").path("type").asText()).isEqualTo("home");
        assertThat(home.allText()).contains("Welcome, Leeds Planner").contains("Leeds City Council")
                .contains("Approved").contains("/pool").doesNotContain("Community admin");
    }

    @Test
    void membersOfCouncilsOutsideThePoolAreToldWhy() {
        openHome("U0YORK");
        openHome("U0SHEF");

        assertThat(publishedHome("U0YORK").allText()).contains("City of York Council").contains("has asked to join")
                .doesNotContain("Welcome");
        assertThat(publishedHome("U0SHEF").allText()).contains("Your council (sheffield.gov.uk) isn't in the pool yet.");
    }

    @Test
    void adminsSeeCouncilsWaitingAndDeliveryHealth() {
        openHome(ServiceHarness.ADMIN);

        String text = publishedHome(ServiceHarness.ADMIN).allText();
        assertThat(text).contains("Community admin").contains("Councils asking to join*\n1")
                .contains("Slack messages queued").contains("Slack messages failed*\n0").contains("running");
    }

    @Test
    void eachOpeningPublishesAgain() {
        openHome("U0PLANNER");
        publishedHome("U0PLANNER");

        openHome("U0PLANNER");

        await().atMost(Duration.ofSeconds(15)).until(() -> homes("U0PLANNER").size() == 2);
    }

    @Test
    void theMessagesTabPublishesNothing() {
        ObjectNode messagesTab = JSON.createObjectNode().put("tab", "messages").put("channel", "D0PLANNER");

        SlackClient.Reply reply = slack().event("U0PLANNER", "app_home_opened", messagesTab);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(count("SELECT COUNT(*) FROM home_refresh")).isZero();
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE method = 'views.publish'")).isZero();
    }

    private static int count(String sql) {
        return service.jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(Integer.class).one());
    }

    @Test
    void aSlackOutageDelaysTheHomeButDoesNotLoseIt() {
        fakeSlack().failNext("views.publish", 1, 500, 0);

        openHome("U0PLANNER");
        await().atMost(Duration.ofSeconds(15)).until(() -> homes("U0PLANNER").size() == 1);
        // Move the clock on only once the dispatcher has set the retry from it (else the retry is due later still).
        await().atMost(Duration.ofSeconds(15)).until(() -> count("SELECT COUNT(*) FROM outbox"
                + " WHERE method = 'views.publish' AND status = 'queued' AND last_error IS NOT NULL") == 1);
        service.clock().advance(Duration.ofSeconds(2));

        await().atMost(Duration.ofSeconds(15)).until(() -> homes("U0PLANNER").size() == 2);
        assertThat(homes("U0PLANNER").get(1).allText()).contains("Welcome, Leeds Planner");
    }
}
