package org.talentpool.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.talentpool.availability.Weeks;
import org.talentpool.testing.EndToEndTest;
import org.talentpool.testing.FakeSlack;
import org.talentpool.testing.SlackClient;

/**
 * Shared councils, people and steps of the search and booking end-to-end tests. Leeds, York and Hull are approved,
 * Wakefield is known but not approved. Kim and Lee (York) search and book; specialists are written to the database
 * with {@link ExpertFixture}; everything under test goes over signed HTTP.
 */
public abstract class ExpertsEndToEnd extends EndToEndTest {
    public static final String KIM = "U0KIM001";
    public static final String LEE = "U0LEE001";
    public static final String PAT = "U0PAT001";
    public static final String JO = "U0JO0001";
    protected static ExpertFixture fixture;
    protected static long leeds;
    protected static long york;
    protected static long hull;

    @BeforeEach
    void councilsAndPeople() {
        fixture = new ExpertFixture(service.jdbi(), service.clock());
        leeds = fixture.council("LDS", "Leeds City Council", "leeds.gov.uk", "approved");
        york = fixture.council("YOR", "City of York Council", "york.gov.uk", "approved");
        hull = fixture.council("KHL", "Hull City Council", "hull.gov.uk", "approved");
        fixture.council("WKF", "Wakefield Council", "wakefield.gov.uk", "known");
        fakeSlack().user(KIM, "Kim Lee", "kim.lee@york.gov.uk")
                .user(LEE, "Lee Roe", "lee.roe@york.gov.uk")
                .user(PAT, "Pat Doe", "pat.doe@wakefield.gov.uk")
                .user(JO, "Jo Bloggs", "jo.bloggs@leeds.gov.uk");
    }

    /**
     * Lets the App Home publisher and the outbox deliver what the test asked for, so that no message or home of this
     * test reaches the fake Slack after the next test has started.
     */
    @AfterEach
    void outboxDelivered() {
        await().atMost(Duration.ofSeconds(15)).until(() -> count("SELECT COUNT(*) FROM home_refresh") == 0
                && count("SELECT COUNT(*) FROM outbox WHERE status = 'queued'") == 0);
    }

    protected static LocalDate thisWeek() {
        return Weeks.thisWeek(service.clock(), ExpertFixture.LONDON);
    }

    /** A Leeds specialist with the given hours a week and skills. */
    protected static void leeds(String userId, double hours, String... skills) {
        fixture.specialist(userId, "leeds.gov.uk", leeds, "Officer " + userId, "Bio of " + userId, hours, skills);
    }

    protected static void hull(String userId, double hours, String... skills) {
        fixture.specialist(userId, "hull.gov.uk", hull, "Officer " + userId, "Bio of " + userId, hours, skills);
    }

    /** Runs {@code /find-expert}, which answers through the response URL after acknowledging. */
    protected static JsonNode findExpert(String user, String text) {
        SlackClient.Reply reply = slack().command(user, "/find-expert", text);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEmpty();
        return responseTo(reply);
    }

    /** The (first) post the service made to a reply's response URL. */
    protected static JsonNode responseTo(SlackClient.Reply reply) {
        String id = reply.responseUrl().substring(reply.responseUrl().lastIndexOf('/') + 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> fakeSlack().responsePosts().stream()
                .anyMatch(post -> post.id().equals(id)));
        return fakeSlack().responsePosts().stream().filter(post -> post.id().equals(id)).findFirst().orElseThrow()
                .body();
    }

    protected static String text(JsonNode node) {
        StringBuilder text = new StringBuilder();
        SlackClient.collectText(node, text);
        return text.toString();
    }

    /** The specialists listed in search results, in order. */
    protected static List<String> experts(JsonNode results) {
        List<String> ids = new ArrayList<>();
        results.path("blocks").forEach(block -> {
            String blockId = block.path("block_id").asText();
            if (blockId.startsWith("expert-")) {
                ids.add(blockId.substring("expert-".length()));
            }
        });
        return ids;
    }

    /** The element with this action ID in blocks (an accessory, an input's element or an actions block's). */
    protected static JsonNode element(JsonNode blocks, String actionId, int index) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode block : blocks) {
            for (String single : new String[] {"accessory", "element"}) {
                if (actionId.equals(block.path(single).path("action_id").asText())) {
                    found.add(block.path(single));
                }
            }
            for (JsonNode element : block.path("elements")) {
                if (actionId.equals(element.path("action_id").asText())) {
                    found.add(element);
                }
            }
        }
        assertThat(found).as("%s buttons in %s", actionId, blocks).hasSizeGreaterThan(index);
        return found.get(index);
    }

    protected static List<String> dmsTo(String user) {
        return FakeSlack.texts(fakeSlack().messagesTo(user));
    }

    protected static int count(String sql) {
        return service.jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(Integer.class).one());
    }
}
