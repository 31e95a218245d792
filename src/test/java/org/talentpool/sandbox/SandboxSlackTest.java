package org.talentpool.sandbox;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewTitle;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.views.ViewsOpenResponse;
import com.slack.api.model.view.View;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talentpool.testing.DatabaseTest;
import org.talentpool.testing.MutableClock;

/** The sandbox's stand-in Web API, called as the bot calls it (the Slack SDK), answering as Slack would. */
class SandboxSlackTest extends DatabaseTest {
    private static final String PERSON = "ULDS02";

    private MutableClock clock;
    private SandboxRig rig;
    private MethodsClient slack;

    @BeforeEach
    void start() {
        database.jdbi().useHandle(handle -> {
            for (String table : List.of("demo_record", "demo_person", "demo_seed", "audit_log", "member", "pool_admin",
                    "council_domain", "council")) {
                handle.execute("DELETE FROM " + table);
            }
        });
        clock = new MutableClock(Instant.now());
        rig = SandboxRig.start(database.jdbi(), clock, app -> { });
        slack = rig.slackClient.methods(SandboxRig.BOT_TOKEN);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private static View modal(String title) {
        return view(v -> v.type("modal").callbackId("c").title(viewTitle(t -> t.type("plain_text").text(title)))
                .blocks(List.of(section(s -> s.text(markdownText("hello"))))));
    }

    @Test
    void usersInfoAnswersFromTheDemoPeopleWithTheirWorkEmail() throws Exception {
        var person = slack.usersInfo(request -> request.user(PERSON));
        var nobody = slack.usersInfo(request -> request.user("U0NOBODY"));
        var wrongToken = rig.slackClient.methods("xoxb-not-the-sandbox").usersInfo(request -> request.user(PERSON));

        assertThat(person.isOk()).isTrue();
        assertThat(person.getUser().getProfile().getEmail()).isEqualTo("gis.analyst@leeds.gov.uk");
        assertThat(person.getUser().getProfile().getDisplayName()).isEqualTo("Leeds GIS Analyst");
        assertThat(nobody.getError()).isEqualTo("user_not_found");
        assertThat(wrongToken.getError()).isEqualTo("invalid_auth");
        assertThat(slack.authTest(request -> request).getUserId()).isEqualTo(SandboxSlack.BOT_USER_ID);
    }

    @Test
    void aMessageToAPersonIsTheirDirectMessageAndCanBeUpdated() throws Exception {
        ChatPostMessageResponse posted = slack.chatPostMessage(request -> request.channel(PERSON).text("Hello *there*"));
        var opened = slack.conversationsOpen(request -> request.users(List.of(PERSON)));

        assertThat(posted.isOk()).isTrue();
        assertThat(posted.getChannel()).isEqualTo("DLDS02").isEqualTo(opened.getChannel().getId());
        assertThat(rig.dm(PERSON).get(0).path("text").asText()).isEqualTo("Hello *there*");

        var updated = slack.chatUpdate(request -> request.channel(posted.getChannel()).ts(posted.getTs()).text("Changed"));
        assertThat(updated.isOk()).isTrue();
        assertThat(rig.dm(PERSON).get(0).path("text").asText()).isEqualTo("Changed");
        assertThat(rig.dm(PERSON).get(0).path("edited").asBoolean()).isTrue();
        assertThat(slack.chatUpdate(request -> request.channel(posted.getChannel()).ts("1.000001").text("x")).getError())
                .isEqualTo("message_not_found");
    }

    @Test
    void messagesSlackWouldRefuseAreRefused() throws Exception {
        assertThat(slack.chatPostMessage(request -> request.channel(PERSON)).getError()).isEqualTo("no_text");
        assertThat(slack.chatPostMessage(request -> request.channel("U0NOBODY").text("hi")).getError())
                .isEqualTo("channel_not_found");
        assertThat(slack.chatPostMessage(request -> request.channel(PERSON).text("hi").blocksAsString("[{\"text\":1}]"))
                .getError()).isEqualTo("invalid_blocks");
        assertThat(slack.chatPostMessage(request -> request.channel(PERSON).text("hi").blocksAsString("[not json"))
                .getError()).isEqualTo("invalid_blocks_format");
        assertThat(slack.apiTest(request -> request).isOk()).isFalse();
    }

    @Test
    void ephemeralMessagesAreSeenOnlyByTheirPerson() throws Exception {
        var answer = slack.chatPostEphemeral(request -> request.channel(Sandbox.DEFAULT_ADMIN_CHANNEL).user(PERSON)
                .text("Just for you"));

        assertThat(answer.isOk()).isTrue();
        assertThat(rig.store.conversation(Sandbox.DEFAULT_ADMIN_CHANNEL, PERSON)).hasSize(1);
        assertThat(rig.store.conversation(Sandbox.DEFAULT_ADMIN_CHANNEL, "ULDS03")).isEmpty();
    }

    @Test
    void aTriggerOpensOneModalWithinThreeSeconds() throws Exception {
        String trigger = rig.store.newTrigger(PERSON);
        String late = rig.store.newTrigger(PERSON);

        ViewsOpenResponse opened = slack.viewsOpen(request -> request.triggerId(trigger).view(modal("First")));
        ViewsOpenResponse again = slack.viewsOpen(request -> request.triggerId(trigger).view(modal("Again")));
        clock.advance(Duration.ofMillis(3_100));
        ViewsOpenResponse tooLate = slack.viewsOpen(request -> request.triggerId(late).view(modal("Late")));

        assertThat(opened.isOk()).isTrue();
        assertThat(opened.getView().getId()).isNotBlank();
        assertThat(again.getError()).isEqualTo("exchanged_trigger_id");
        assertThat(tooLate.getError()).isEqualTo("expired_trigger_id");
        assertThat(slack.viewsOpen(request -> request.triggerId("1.made-up").view(modal("x"))).getError())
                .isEqualTo("invalid_trigger_id");
        assertThat(rig.store.topModal(PERSON)).get().extracting(view -> view.path("title").path("text").asText())
                .isEqualTo("First");
    }

    @Test
    void viewsUpdateChecksTheHashAndPushStacksUpToThree() throws Exception {
        View first = slack.viewsOpen(request -> request.triggerId(rig.store.newTrigger(PERSON)).view(modal("One")))
                .getView();

        assertThat(slack.viewsUpdate(request -> request.viewId(first.getId()).hash("stale").view(modal("Two")))
                .getError()).isEqualTo("hash_conflict");
        var updated = slack.viewsUpdate(request -> request.viewId(first.getId()).hash(first.getHash()).view(modal("Two")));
        assertThat(updated.isOk()).isTrue();
        assertThat(updated.getView().getId()).isEqualTo(first.getId());

        assertThat(slack.viewsPush(request -> request.triggerId(rig.store.newTrigger(PERSON)).view(modal("Three")))
                .isOk()).isTrue();
        assertThat(slack.viewsPush(request -> request.triggerId(rig.store.newTrigger(PERSON)).view(modal("Four")))
                .isOk()).isTrue();
        assertThat(slack.viewsPush(request -> request.triggerId(rig.store.newTrigger(PERSON)).view(modal("Five")))
                .getError()).isEqualTo("push_limit_reached");
        assertThat(rig.store.modalDepth(PERSON)).isEqualTo(3);
    }

    @Test
    void aPublishedHomeIsKeptPerPerson() throws Exception {
        View home = view(v -> v.type("home").blocks(List.of(section(s -> s.text(markdownText("Your home"))))));

        var published = slack.viewsPublish(request -> request.userId(PERSON).view(home));
        var again = slack.viewsPublish(request -> request.userId(PERSON).view(home));

        assertThat(published.isOk()).isTrue();
        assertThat(again.getView().getId()).isEqualTo(published.getView().getId());
        assertThat(rig.store.home(PERSON)).get().extracting(view -> view.path("blocks").get(0).path("block_id").isTextual())
                .isEqualTo(true);
        assertThat(rig.store.home("ULDS03")).isEmpty();
        assertThat(slack.viewsPublish(request -> request.userId("U0NOBODY").view(home)).getError())
                .isEqualTo("user_not_found");
    }

    @Test
    void anUploadedFileIsSharedInTheConversationAndCanBeDownloaded() throws Exception {
        var upload = slack.filesUploadV2(request -> request.channel("DLDS02").filename("statement-2026-11.csv")
                .title("Statement").content("from,to,hours\nLeeds,York,4\n").initialComment("Your statement"));

        assertThat(upload.isOk()).as(String.valueOf(upload.getError())).isTrue();
        JsonNode message = rig.dm(PERSON).get(0);
        assertThat(message.path("text").asText()).isEqualTo("Your statement");
        String fileId = message.path("files").get(0).path("id").asText();
        HttpResponse<String> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(rig.baseUrl() + "/sandbox/files/" + fileId)).build(), HttpResponse.BodyHandlers.ofString(
                StandardCharsets.UTF_8));
        assertThat(download.body()).isEqualTo("from,to,hours\nLeeds,York,4\n");
        assertThat(download.headers().firstValue("Content-Disposition")).get().asString()
                .contains("statement-2026-11.csv");
    }

    @Test
    void aResponseUrlWorksFiveTimesForHalfAnHour() throws Exception {
        String url = rig.slack.responseUrl(rig.store.newResponseUrl(PERSON, "DLDS02", null));
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest post = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"reply\"}")).build();

        for (int use = 0; use < 5; use++) {
            assertThat(http.send(post, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> sixth = http.send(post, HttpResponse.BodyHandlers.ofString());
        assertThat(sixth.statusCode()).isEqualTo(404);
        assertThat(sixth.body()).contains("used_url");

        String old = rig.slack.responseUrl(rig.store.newResponseUrl(PERSON, "DLDS02", null));
        clock.advance(Duration.ofMinutes(31));
        assertThat(http.send(HttpRequest.newBuilder(URI.create(old)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"late\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).contains("expired_url");
        assertThat(rig.dm(PERSON).findValuesAsText("text")).containsOnly("reply");
    }
}
