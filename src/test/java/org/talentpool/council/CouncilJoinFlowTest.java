package org.talentpool.council;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.talentpool.persistence.AuditLog;
import org.talentpool.testing.EndToEndTest;
import org.talentpool.testing.FakeSlack;
import org.talentpool.testing.ServiceHarness;
import org.talentpool.testing.SlackClient;

/**
 * Flow 1 of the product over signed HTTP with the fake Slack, on H2 and PostgreSQL: a member of a council
 * that is not in the pool asks to join, an admin decides with the buttons, the member is told and gets in.
 */
class CouncilJoinFlowTest extends EndToEndTest {
    private static final String ADMIN = ServiceHarness.ADMIN;
    private static final String ADMIN_CHANNEL = ServiceHarness.ADMIN_CHANNEL;
    private static final String KIM = "UKIM0001";
    private static final String SAM = "USAM0001";
    private static final String PAT = "UPAT0001";

    // --- helpers ---

    /** What the bot posted to a response_url of a request. */
    static JsonNode responseTo(SlackClient.Reply reply) {
        String id = reply.responseUrl().substring(reply.responseUrl().lastIndexOf('/') + 1);
        return await().atMost(Duration.ofSeconds(10)).until(() -> fakeSlack().responsePosts().stream()
                .filter(post -> post.id().equals(id)).findFirst(), Optional::isPresent).orElseThrow().body();
    }

    static String text(JsonNode node) {
        StringBuilder text = new StringBuilder();
        SlackClient.collectText(node, text);
        return text.toString();
    }

    /** The one join request posted to the admin channel so far. */
    static FakeSlack.Call adminPost() {
        return await().atMost(Duration.ofSeconds(10)).until(() -> fakeSlack().messagesTo(ADMIN_CHANNEL),
                posts -> !posts.isEmpty()).get(0);
    }

    static String buttonValue(FakeSlack.Call message, String actionId) {
        for (JsonNode block : message.json("blocks")) {
            for (JsonNode element : block.path("elements")) {
                if (actionId.equals(element.path("action_id").asText())) {
                    return element.path("value").asText();
                }
            }
        }
        throw new AssertionError("no " + actionId + " button in " + message.allText());
    }

    static boolean hasButton(JsonNode blocks, String actionId) {
        return blocks.findValues("action_id").stream().anyMatch(id -> id.asText().equals(actionId));
    }

    static List<FakeSlack.Call> dmsTo(String userId) {
        return fakeSlack().messagesTo(userId);
    }

    static SlackClient.Reply click(String userId, String actionId, String value, FakeSlack.Call message) {
        return slack().blockAction(userId, actionId, value, "join_request_actions_" + value, "1700000000.000100",
                message.param("channel"));
    }

    static long count(String sql) {
        return service.jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
    }

    static String importRegister() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = ImportCouncils.importFile(CouncilImportTest.REGISTER, service.jdbi(), service.clock(),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(status).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    // --- the flow ---

    @Test
    void anUnknownDomainAsksTheAdminNamesTheCouncilAndTheMemberGetsIn() {
        fakeSlack().user(KIM, "Kim", "kim@newtown.gov.uk");

        SlackClient.Reply gate = slack().command(KIM, "/pool", "council");
        assertThat(gate.text()).contains("Your council (newtown.gov.uk) isn't in the pool yet");
        assertThat(hasButton(gate.json().path("blocks"), GateReplies.ASK_TO_JOIN_ACTION)).isTrue();

        SlackClient.Reply ask = slack().blockAction(KIM, GateReplies.ASK_TO_JOIN_ACTION, "ask", "council_gate",
                "1700000000.000001", "C0GENERAL");
        assertThat(ask.status()).isEqualTo(200);
        JsonNode asked = responseTo(ask);
        assertThat(text(asked)).contains("I've asked the community admins");
        assertThat(asked.path("replace_original").asBoolean()).isTrue();

        FakeSlack.Call post = adminPost();
        assertThat(post.allText()).contains("Join request").contains("<@" + KIM + ">").contains("newtown.gov.uk");
        String requestId = buttonValue(post, CouncilNotices.APPROVE_ACTION);
        buttonValue(post, CouncilNotices.REJECT_ACTION);

        SlackClient.Reply approve = click(ADMIN, CouncilNotices.APPROVE_ACTION, requestId, post);
        assertThat(approve.status()).isEqualTo(200);
        FakeSlack.Call modal = await().atMost(Duration.ofSeconds(5))
                .until(() -> fakeSlack().calls("views.open"), calls -> !calls.isEmpty()).get(0);
        JsonNode view = modal.json("view");
        assertThat(view.path("callback_id").asText()).isEqualTo(CouncilFeature.NAME_CALLBACK);
        assertThat(view.toString()).contains("\"initial_value\":\"newtown.gov.uk\"");

        SlackClient.Reply badDomain = slack().viewSubmission(ADMIN, CouncilFeature.NAME_CALLBACK, "V1",
                view.path("private_metadata").asText(), SlackClient.values()
                        .text(CouncilFeature.NAME_BLOCK, CouncilFeature.INPUT_ACTION, "Newtown Borough Council")
                        .text(CouncilFeature.DOMAIN_BLOCK, CouncilFeature.INPUT_ACTION, "gov.uk").build());
        assertThat(badDomain.json().path("response_action").asText()).isEqualTo("errors");
        assertThat(badDomain.json().path("errors").path(CouncilFeature.DOMAIN_BLOCK).asText()).contains("shared");
        assertThat(count("SELECT COUNT(*) FROM council")).isZero();

        SlackClient.Reply named = slack().viewSubmission(ADMIN, CouncilFeature.NAME_CALLBACK, "V1",
                view.path("private_metadata").asText(), SlackClient.values()
                        .text(CouncilFeature.NAME_BLOCK, CouncilFeature.INPUT_ACTION, "Newtown Borough Council")
                        .text(CouncilFeature.DOMAIN_BLOCK, CouncilFeature.INPUT_ACTION, "newtown.gov.uk").build());
        assertThat(named.status()).isEqualTo(200);
        assertThat(named.json().path("response_action").isMissingNode()).isTrue();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(dmsTo(KIM)).singleElement()
                .satisfies(dm -> assertThat(dm.allText()).contains("Good news").contains("Newtown Borough Council")));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(fakeSlack().calls("chat.update"))
                .anySatisfy(update -> {
                    assertThat(update.param("channel")).isEqualTo(ADMIN_CHANNEL);
                    assertThat(update.allText()).contains("Approved").contains("<@" + ADMIN + ">");
                    assertThat(update.param("blocks")).doesNotContain(CouncilNotices.APPROVE_ACTION);
                }));

        SlackClient.Reply member = slack().command(KIM, "/pool", "council");
        assertThat(member.text()).contains("You work for *Newtown Borough Council*").contains("*approved*");
    }

    @Test
    void aSecondAdminClickIsHarmless() {
        fakeSlack().user(KIM, "Kim", "kim@newtown.gov.uk");
        assertThat(slack().command(ADMIN, "/pool-admin", "admins add <@" + PAT + "|pat>").text())
                .contains("<@" + PAT + "> is now a community admin");
        slack().blockAction(KIM, GateReplies.ASK_TO_JOIN_ACTION, "ask", "council_gate", "1700000000.000001",
                "C0GENERAL");
        FakeSlack.Call post = adminPost();
        String requestId = buttonValue(post, CouncilNotices.APPROVE_ACTION);
        assertThat(slack().command(ADMIN, "/pool-admin", "add-council \"Newtown Borough Council\" newtown.gov.uk")
                .text()).contains("Added *Newtown Borough Council*");
        await().atMost(Duration.ofSeconds(10)).until(() -> dmsTo(KIM).size() == 1);

        SlackClient.Reply second = click(PAT, CouncilNotices.APPROVE_ACTION, requestId, post);
        SlackClient.Reply reject = click(PAT, CouncilNotices.REJECT_ACTION, requestId, post);

        assertThat(text(responseTo(second))).contains("already approved by <@" + ADMIN + ">")
                .contains("nothing changed");
        assertThat(text(responseTo(reject))).contains("already approved by <@" + ADMIN + ">");
        assertThat(fakeSlack().calls("views.open")).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'join_request.approve'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE dedup_key LIKE '%-dm-" + KIM + "'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM council")).isEqualTo(1);
    }

    @Test
    void aCouncilOfTheRegisterIsApprovedWithOneClick() {
        assertThat(importRegister()).contains("397 added, 0 skipped, 0 invalid");
        assertThat(importRegister()).contains("0 added, 397 skipped, 0 invalid");
        fakeSlack().user(SAM, "Sam", "Sam.Jones@York.GOV.UK");

        SlackClient.Reply gate = slack().command(SAM, "/pool", "council");
        assertThat(gate.text()).contains("Your council (City of York Council, york.gov.uk) isn't in the pool yet");
        SlackClient.Reply ask = slack().blockAction(SAM, GateReplies.ASK_TO_JOIN_ACTION, "ask", "council_gate",
                "1700000000.000001", "C0GENERAL");
        assertThat(text(responseTo(ask))).contains("*City of York Council*");
        SlackClient.Reply askAgain = slack().blockAction(SAM, GateReplies.ASK_TO_JOIN_ACTION, "ask", "council_gate",
                "1700000000.000001", "C0GENERAL");
        assertThat(text(responseTo(askAgain))).contains("You asked on");
        assertThat(slack().command(SAM, "/pool", "council").text()).contains("has asked to join");

        FakeSlack.Call post = adminPost();
        assertThat(post.allText()).contains("City of York Council").contains("Unitary authority, England");
        click(ADMIN, CouncilNotices.APPROVE_ACTION, buttonValue(post, CouncilNotices.APPROVE_ACTION), post);

        await().atMost(Duration.ofSeconds(10)).until(() -> dmsTo(SAM).size() == 1);
        assertThat(fakeSlack().calls("views.open")).isEmpty();
        assertThat(fakeSlack().messagesTo(ADMIN_CHANNEL)).hasSize(1);
        assertThat(slack().command(SAM, "/pool", "council").text()).contains("You work for *City of York Council*");
    }

    @Test
    void rejectingAsksForAReasonAndTellsTheRequester() {
        fakeSlack().user(KIM, "Kim", "kim@newtown.gov.uk");
        slack().blockAction(KIM, GateReplies.ASK_TO_JOIN_ACTION, "ask", "council_gate", "1700000000.000001",
                "C0GENERAL");
        FakeSlack.Call post = adminPost();

        click(ADMIN, CouncilNotices.REJECT_ACTION, buttonValue(post, CouncilNotices.REJECT_ACTION), post);
        JsonNode view = await().atMost(Duration.ofSeconds(5))
                .until(() -> fakeSlack().calls("views.open"), calls -> !calls.isEmpty()).get(0).json("view");
        assertThat(view.path("callback_id").asText()).isEqualTo(CouncilFeature.REASON_CALLBACK);

        SlackClient.Reply empty = slack().viewSubmission(ADMIN, CouncilFeature.REASON_CALLBACK, "V2",
                view.path("private_metadata").asText(), SlackClient.values()
                        .text(CouncilFeature.REASON_BLOCK, CouncilFeature.INPUT_ACTION, "  ").build());
        assertThat(empty.json().path("errors").path(CouncilFeature.REASON_BLOCK).asText()).contains("reason");

        slack().viewSubmission(ADMIN, CouncilFeature.REASON_CALLBACK, "V2", view.path("private_metadata").asText(),
                SlackClient.values().text(CouncilFeature.REASON_BLOCK, CouncilFeature.INPUT_ACTION,
                        "<!channel> Newtown is a parish, not a council").build());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(dmsTo(KIM)).singleElement()
                .satisfies(dm -> assertThat(dm.param("text")).contains("was not approved")
                        .contains("&lt;!channel&gt; Newtown is a parish").doesNotContain("<!channel>")));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(fakeSlack().calls("chat.update"))
                .anySatisfy(update -> assertThat(update.allText()).contains("Rejected")));
        SlackClient.Reply askAgain = slack().blockAction(KIM, GateReplies.ASK_TO_JOIN_ACTION, "ask", "council_gate",
                "1700000000.000001", "C0GENERAL");
        assertThat(text(responseTo(askAgain))).contains("turned down");
        assertThat(fakeSlack().messagesTo(ADMIN_CHANNEL)).hasSize(1);
    }

    @Test
    void nonAdminsAreRefusedAndTheAttemptIsAudited() {
        importRegister();
        fakeSlack().user(SAM, "Sam", "sam@york.gov.uk");

        SlackClient.Reply command = slack().command(SAM, "/pool-admin", "approve york.gov.uk");
        assertThat(command.text()).contains("Only community admins");

        slack().blockAction(SAM, GateReplies.ASK_TO_JOIN_ACTION, "ask", "council_gate", "1700000000.000001",
                "C0GENERAL");
        FakeSlack.Call post = adminPost();
        SlackClient.Reply button = click(SAM, CouncilNotices.APPROVE_ACTION,
                buttonValue(post, CouncilNotices.APPROVE_ACTION), post);
        assertThat(text(responseTo(button))).contains("Only community admins");

        List<AuditLog.Entry> refusals = service.pool().database().jdbi().withExtension(AuditLog.Dao.class,
                dao -> dao.byActor(SAM)).stream().filter(entry -> entry.action().equals("admin.refused")).toList();
        assertThat(refusals).extracting(AuditLog.Entry::subjectType).containsExactly("command", "join_request");
        assertThat(refusals.get(0).subjectId()).isEqualTo("/pool-admin approve");
        assertThat(count("SELECT COUNT(*) FROM council WHERE status = 'approved'")).isZero();
        assertThat(slack().command(SAM, "/pool", "council").text()).contains("has asked to join");
    }

    @Test
    void suspendingBlocksTheGateAndReinstatingLiftsIt() {
        importRegister();
        fakeSlack().user(SAM, "Sam", "sam@york.gov.uk");
        assertThat(slack().command(ADMIN, "/pool-admin", "approve york.gov.uk").text())
                .contains("Approved *City of York Council*");
        assertThat(slack().command(SAM, "/pool", "council").text()).contains("*approved*");

        assertThat(slack().command(ADMIN, "/pool-admin", "suspend york.gov.uk Statements unpaid").text())
                .contains("Suspended *City of York Council*");
        SlackClient.Reply suspended = slack().command(SAM, "/pool", "council");
        assertThat(suspended.text()).contains("is suspended from the pool");
        assertThat(hasButton(suspended.json().path("blocks"), GateReplies.ASK_TO_JOIN_ACTION)).isFalse();
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'council.suspend' AND actor = '" + ADMIN
                + "'")).isEqualTo(1);

        slack().command(ADMIN, "/pool-admin", "reinstate york.gov.uk");
        assertThat(slack().command(SAM, "/pool", "council").text()).contains("*approved*");
    }
}
