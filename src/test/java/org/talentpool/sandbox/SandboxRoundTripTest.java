package org.talentpool.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talentpool.testing.DatabaseTest;

/**
 * What the page does becomes what Slack would send, and what the bot answers becomes what the page shows:
 * modals with their validation errors, view updates and stacks, buttons and response URLs. A Bolt app of the
 * test's own stands in for features that have no modals yet; everything else is the real sandbox.
 */
class SandboxRoundTripTest extends DatabaseTest {
    static final String REQUESTER = "UYOR05";
    static final String SPECIALIST = "ULDS02";
    static final String MANAGER = "ULDS01";

    private final TryApp app = new TryApp();
    private final List<Map<String, String>> submissions = app.submissions;
    private final List<String> events = app.events;
    private SandboxRig rig;

    @BeforeEach
    void startRig() {
        database.jdbi().useHandle(handle -> {
            for (String table : List.of("demo_record", "demo_person", "demo_seed", "audit_log", "member", "pool_admin",
                    "council_domain", "council")) {
                handle.execute("DELETE FROM " + table);
            }
        });
        rig = SandboxRig.start(database.jdbi(), Clock.systemUTC(), app::register);
    }

    @AfterEach
    void stopRig() {
        rig.close();
    }

    private static ObjectNode values(String need) {
        ObjectNode values = SandboxRig.JSON.createObjectNode();
        values.putObject("need").putObject("text").put("type", "plain_text_input").put("value", need);
        values.putObject("week").putObject("choice").put("type", "static_select").putObject("selected_option")
                .put("value", "next").putObject("text").put("type", "plain_text").put("text", "Next week");
        values.putObject("manager").putObject("user").put("type", "users_select").put("selected_user", MANAGER);
        var skills = values.putObject("skills").putObject("many").put("type", "multi_static_select")
                .putArray("selected_options");
        skills.addObject().put("value", "gis").putObject("text").put("type", "plain_text").put("text", "GIS");
        skills.addObject().put("value", "python").putObject("text").put("type", "plain_text").put("text", "Python");
        return values;
    }

    private JsonNode modal(String userId) {
        return rig.state(userId).path("modal");
    }

    private SandboxRig.Answer submit(String userId, String viewId, ObjectNode values) {
        return rig.post("/sandbox/api/submit", SandboxRig.JSON.createObjectNode().put("user", userId)
                .put("viewId", viewId).set("values", values));
    }

    private SandboxRig.Answer click(String userId, String key, String id, String actionId, String blockId, String value) {
        ObjectNode body = SandboxRig.JSON.createObjectNode().put("user", userId).put(key, id);
        body.putObject("action").put("type", "button").put("action_id", actionId).put("block_id", blockId)
                .put("value", value);
        return rig.post("/sandbox/api/action", body);
    }

    @Test
    void aCommandOpensTheModalItsTriggerAllows() {
        assertThat(rig.command(REQUESTER, "/try-form").status()).isEqualTo(200);

        JsonNode modal = modal(REQUESTER);
        assertThat(modal.path("depth").asInt()).isEqualTo(1);
        assertThat(modal.path("view").path("title").path("text").asText()).isEqualTo("Try a form");
        assertThat(modal.path("view").path("id").asText()).startsWith("V");
        assertThat(modal.path("view").path("blocks").findValuesAsText("block_id")).contains("need", "week", "manager");
        assertThat(modal(SPECIALIST).isNull()).isTrue();
    }

    @Test
    void theAppsValidationErrorsComeBackByFieldAndTheModalStays() {
        rig.command(REQUESTER, "/try-form");
        String viewId = modal(REQUESTER).path("view").path("id").asText();

        SandboxRig.Answer answer = submit(REQUESTER, viewId, values("GIS"));

        assertThat(answer.json().path("result").asText()).isEqualTo("errors");
        assertThat(answer.json().path("errors").path("need").asText()).contains("five characters");
        assertThat(modal(REQUESTER).path("view").path("id").asText()).isEqualTo(viewId);
        assertThat(submissions).isEmpty();
    }

    @Test
    void aGoodSubmissionReachesTheAppAsSlackWouldSendItAndClosesTheModal() {
        rig.command(REQUESTER, "/try-form");
        String viewId = modal(REQUESTER).path("view").path("id").asText();

        SandboxRig.Answer answer = submit(REQUESTER, viewId, values("Help with a <GIS> & flood map"));

        assertThat(answer.json().path("result").asText()).isEqualTo("closed");
        assertThat(modal(REQUESTER).isNull()).isTrue();
        assertThat(submissions).containsExactly(Map.of("user", REQUESTER, "need", "Help with a <GIS> & flood map",
                "week", "next", "manager", MANAGER, "skills", "gis,python", "metadata", "meta-42"));
        JsonNode message = rig.dm(REQUESTER).get(rig.dm(REQUESTER).size() - 1);
        assertThat(message.path("author").asText()).isEqualTo("bot");
        assertThat(message.path("ephemeral").asBoolean()).isFalse();
        assertThat(message.path("blocks").get(0).path("text").path("text").asText())
                .isEqualTo("You asked for *Help with a &lt;GIS&gt; &amp; flood map*");
    }

    @Test
    void aButtonInADirectMessageIsAnsweredThroughTheResponseUrl() {
        rig.command(REQUESTER, "/try-form");
        submit(REQUESTER, modal(REQUESTER).path("view").path("id").asText(), values("Flood mapping"));
        JsonNode request = rig.dm(REQUESTER).get(rig.dm(REQUESTER).size() - 1);

        SandboxRig.Answer answer = click(REQUESTER, "messageId", request.path("id").asText(), "accept", "decide", "42");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(events).contains("accept 42 in " + SandboxStore.dmChannel(REQUESTER));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode replaced = rig.dm(REQUESTER).get(rig.dm(REQUESTER).size() - 1);
            assertThat(replaced.path("id").asText()).isEqualTo(request.path("id").asText());
            assertThat(replaced.path("text").asText()).isEqualTo("Accepted request 42");
            assertThat(replaced.path("edited").asBoolean()).isTrue();
        });
    }

    @Test
    void deleteOriginalRemovesTheMessage() {
        rig.command(REQUESTER, "/try-form");
        submit(REQUESTER, modal(REQUESTER).path("view").path("id").asText(), values("Flood mapping"));
        String messageId = rig.dm(REQUESTER).get(rig.dm(REQUESTER).size() - 1).path("id").asText();

        click(REQUESTER, "messageId", messageId, "decline", "decide", "42");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(rig.dm(REQUESTER).findValuesAsText("id")).doesNotContain(messageId));
    }

    @Test
    void aButtonInAModalSendsTheFormAsTypedAndTheAppUpdatesTheModal() {
        rig.command(REQUESTER, "/try-form");
        JsonNode view = modal(REQUESTER).path("view");
        ObjectNode body = SandboxRig.JSON.createObjectNode().put("user", REQUESTER).put("viewId", view.path("id").asText());
        body.putObject("action").put("type", "button").put("action_id", "add_note").put("block_id", "more")
                .put("value", "note");
        body.set("values", values("half typed"));

        rig.post("/sandbox/api/action", body);

        assertThat(events).contains("add_note saw half typed");
        JsonNode updated = modal(REQUESTER).path("view");
        assertThat(updated.path("id").asText()).isEqualTo(view.path("id").asText());
        assertThat(updated.path("hash").asText()).isNotEqualTo(view.path("hash").asText());
        assertThat(updated.path("blocks").findValuesAsText("block_id")).contains("note");
    }

    @Test
    void closingAModalTellsTheAppWhenItAskedToKnow() {
        rig.command(REQUESTER, "/try-form");
        String viewId = modal(REQUESTER).path("view").path("id").asText();

        rig.post("/sandbox/api/close", SandboxRig.JSON.createObjectNode().put("user", REQUESTER).put("viewId", viewId));

        assertThat(events).contains("closed meta-42");
        assertThat(modal(REQUESTER).isNull()).isTrue();
    }

    @Test
    void pushUpdateAndClearMoveThroughTheModalStack() {
        rig.command(REQUESTER, "/try-steps");
        String first = modal(REQUESTER).path("view").path("id").asText();

        assertThat(submit(REQUESTER, first, SandboxRig.JSON.createObjectNode()).json().path("result").asText())
                .isEqualTo("pushed");
        JsonNode second = modal(REQUESTER);
        assertThat(second.path("depth").asInt()).isEqualTo(2);
        assertThat(second.path("view").path("callback_id").asText()).isEqualTo("step_two");
        assertThat(second.path("view").path("previous_view_id").asText()).isEqualTo(first);

        String secondId = second.path("view").path("id").asText();
        assertThat(submit(REQUESTER, secondId, SandboxRig.JSON.createObjectNode()).json().path("result").asText())
                .isEqualTo("updated");
        assertThat(modal(REQUESTER).path("view").path("callback_id").asText()).isEqualTo("step_three");
        assertThat(modal(REQUESTER).path("view").path("id").asText()).isEqualTo(secondId);

        assertThat(submit(REQUESTER, secondId, SandboxRig.JSON.createObjectNode()).json().path("result").asText())
                .isEqualTo("cleared");
        assertThat(modal(REQUESTER).isNull()).isTrue();
    }

    @Test
    void laterRepliesThroughTheResponseUrlLandInTheConversation() {
        rig.command(REQUESTER, "/try-later");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode messages = rig.dm(REQUESTER);
            assertThat(messages.findValuesAsText("text")).contains("Said out loud", "Told quietly");
        });
        for (JsonNode message : rig.dm(REQUESTER)) {
            if (message.path("text").asText().equals("Said out loud")) {
                assertThat(message.path("ephemeral").asBoolean()).isFalse();
            }
            if (message.path("text").asText().equals("Told quietly")) {
                assertThat(message.path("ephemeral").asBoolean()).isTrue();
            }
        }
    }

    @Test
    void whatGoesWrongIsShownAsSlackWouldShowIt() {
        rig.command(REQUESTER, "/try-broken");
        rig.command(REQUESTER, "/not-a-command");

        List<String> texts = rig.dm(REQUESTER).findValuesAsText("text");
        assertThat(texts).anyMatch(text -> text.contains("`/try-broken` failed with the error \"dispatch_failed\""));
        assertThat(texts).anyMatch(text -> text.contains("`/not-a-command` is not a valid command"));
        assertThat(texts).contains("/try-broken", "/not-a-command");
    }

    @Test
    void anAnswerSlowerThanSlackAllowsIsPointedOut() {
        rig.command(REQUESTER, "/try-slow");

        List<String> texts = rig.dm(REQUESTER).findValuesAsText("text");
        assertThat(texts).contains("finally");
        assertThat(texts).anyMatch(text -> text.contains("Slack gives up after 3 s"));
    }

    @Test
    void ephemeralMessagesAreOnlyForTheirPersonToSeeAndToClick() {
        rig.command(REQUESTER, "/try-later");
        await().atMost(Duration.ofSeconds(10)).until(() -> rig.dm(REQUESTER).size() >= 3);
        String quiet = null;
        for (JsonNode message : rig.dm(REQUESTER)) {
            if (message.path("text").asText().equals("Told quietly")) {
                quiet = message.path("id").asText();
            }
        }

        assertThat(rig.dm(SPECIALIST).findValuesAsText("text")).doesNotContain("Told quietly", "Said out loud");
        assertThat(click(SPECIALIST, "messageId", quiet, "accept", "decide", "1").status()).isEqualTo(404);
    }

    @Test
    void thePageRefusesWhatIsNotForIt() throws Exception {
        assertThat(rig.command("UNOBODY", "/try-form").status()).isEqualTo(400);
        assertThat(rig.command(REQUESTER, "hello there").status()).isEqualTo(400);
        assertThat(rig.command(REQUESTER, "hello there").body()).contains("slash command");
        assertThat(rig.send(HttpRequest.newBuilder(URI.create(rig.baseUrl() + "/sandbox/api/command"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}"))).status())
                .isEqualTo(415);
        assertThat(statusLine(URI.create(rig.baseUrl()), "talentpool.example.gov.uk")).contains(" 403 ");
        assertThat(statusLine(URI.create(rig.baseUrl()), "localhost")).contains(" 200 ");
        assertThat(rig.get("/sandbox/page/../../db/migration/V1__create_foundation.sql").status()).isEqualTo(404);
        assertThat(submit(REQUESTER, "V000NOPE", SandboxRig.JSON.createObjectNode()).status()).isEqualTo(404);
    }

    /** GET /sandbox with the given Host header (which java.net.http will not set), answering the status line. */
    private static String statusLine(URI base, String host) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.getOutputStream().write(("GET /sandbox HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
        }
    }

    @Test
    void thePageItselfIsServedWithAStrictContentSecurityPolicy() {
        SandboxRig.Answer page = rig.get("/sandbox");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Talent Pool sandbox</title>").contains("/sandbox/page/sandbox.js")
                .doesNotContain("<script>");
        assertThat(rig.get("/sandbox/page/sandbox.js").body()).doesNotContain("innerHTML").doesNotContain("eval(");
    }
}
