package org.talentpool.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.talentpool.testing.FakeSlack;
import org.talentpool.testing.SlackClient;

/** {@code /available} opens the profile modal; submitting it saves the profile and asks the manager. */
class ProfileModalTest extends AvailabilityEndToEnd {

    @Test
    void theModalOpensWithTheCommandsTriggerBeforeTheAcknowledgement() {
        SlackClient.Reply reply = command(JO, "");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEmpty();
        List<FakeSlack.Call> opened = fakeSlack().calls("views.open");
        assertThat(opened).hasSize(1);
        assertThat(opened.get(0).param("trigger_id")).isEqualTo(reply.triggerId());
        JsonNode view = opened.get(0).json("view");
        assertThat(view.path("callback_id").asText()).isEqualTo(ProfileModal.CALLBACK_ID);
        assertThat(blockIds(view)).contains(ProfileForm.SKILLS, ProfileForm.NEW_SKILLS, ProfileForm.TITLE,
                ProfileForm.BIO, ProfileForm.HOURS, ProfileForm.MANAGER);
        assertThat(element(view, ProfileForm.SKILLS).path("type").asText()).isEqualTo("multi_external_select");
        assertThat(element(view, ProfileForm.MANAGER).path("type").asText()).isEqualTo("users_select");
    }

    @Test
    void aFirstProfileIsSavedAwaitingPermissionAndTheManagerIsAsked() {
        SlackClient.Reply reply = submit(JO, profile("4", SAM));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("response_action").asText()).isEqualTo("update");
        assertThat(reply.text()).contains("Your profile is saved").contains("awaiting your manager's permission")
                .contains("I've asked <@" + SAM + "> to agree to up to 4 h a week");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(requests(SAM)).hasSize(1));
        FakeSlack.Call request = requests(SAM).get(0);
        assertThat(request.param("text"))
                .isEqualTo("<@" + JO + "> would like to offer up to 4 h a week to other councils.");
        assertThat(request.allText()).contains("Senior GIS analyst").contains("GIS, Python, user research")
                .contains("Maps &amp; data for planning &lt;b&gt;and&lt;/b&gt; highways.")
                .doesNotContain("<b>");
        assertThat(button(request, SlackAvailabilityNotifier.APPROVE).path("text").path("text").asText())
                .isEqualTo("Approve");
        assertThat(button(request, SlackAvailabilityNotifier.DECLINE).path("text").path("text").asText())
                .isEqualTo("Decline");

        List<String> skills = service.jdbi().withHandle(handle -> handle.createQuery("SELECT k.name FROM skill k"
                + " JOIN specialist_skill ss ON ss.skill_id = k.id WHERE ss.user_id = :user ORDER BY k.name")
                .bind("user", JO).mapTo(String.class).list());
        assertThat(skills).containsExactly("gis", "python", "user research");
        assertThat(count("SELECT COUNT(*) FROM permission WHERE status = 'requested'")).isEqualTo(1);
        assertThat(auditActions("specialist", JO)).containsExactly("profile.created");
        assertThat(searchable(JO)).isFalse();
    }

    @Test
    void aRetriedSubmissionCreatesNothingTwice() {
        submit(JO, profile("4", SAM));
        SlackClient.Reply retried = submit(JO, profile("4", SAM));

        assertThat(retried.json().path("response_action").asText()).isEqualTo("update");
        assertThat(count("SELECT COUNT(*) FROM permission")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE method LIKE 'chat.%'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM specialist_skill")).isEqualTo(3);
        assertThat(auditActions("specialist", JO)).containsExactly("profile.created");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(requests(SAM)).hasSize(1));
    }

    @Test
    void validationErrorsAppearNextToTheirFieldsAndNothingIsSaved() {
        assertError(profile("50", SAM), ProfileForm.HOURS, "You can offer at most 37.5 hours a week.");
        assertError(profile("4.25", SAM), ProfileForm.HOURS, "Hours go in half-hour steps, e.g. 4 or 4.5.");
        assertError(profile("a few", SAM), ProfileForm.HOURS, "Give the hours a week as a number, e.g. 4 or 4.5.");
        assertError(profile("0", SAM), ProfileForm.HOURS, "Offer at least half an hour a week.");
        assertError(profile("4", JO), ProfileForm.MANAGER, "You can't be your own line manager");
        assertError(profile("4", KIM), ProfileForm.MANAGER,
                "Kim Lee works for City of York Council, not Leeds City Council.");
        assertError(profile("4", PAT), ProfileForm.MANAGER, "Pat Doe works for Hull City Council");
        assertError(profile("4", LEE), ProfileForm.MANAGER, "works for Leeds City Council");
        assertError(profile("4", SAM).multiSelect(ProfileForm.SKILLS, ProfileForm.SKILLS)
                .text(ProfileForm.NEW_SKILLS, ProfileForm.NEW_SKILLS, " , "), ProfileForm.SKILLS,
                "Choose at least one skill");
        assertError(profile("4", SAM).text(ProfileForm.NEW_SKILLS, ProfileForm.NEW_SKILLS, "GIS, ???"),
                ProfileForm.NEW_SKILLS, "“???” isn't a skill I can store");
        assertError(profile("4", SAM).multiSelect(ProfileForm.SKILLS, ProfileForm.SKILLS, "x".repeat(61)),
                ProfileForm.SKILLS, "Keep each skill to 60 characters.");
        assertError(profile("4", SAM).text(ProfileForm.BIO, ProfileForm.BIO, "x".repeat(501)), ProfileForm.BIO,
                "Keep your bio to 500 characters (it has 501).");
        assertError(profile("4", SAM).text(ProfileForm.TITLE, ProfileForm.TITLE, "  "), ProfileForm.TITLE,
                "Give your job title");

        SlackClient.Reply several = submit(JO, profile("50", JO));
        assertThat(several.json().path("errors").fieldNames()).toIterable()
                .containsExactlyInAnyOrder(ProfileForm.HOURS, ProfileForm.MANAGER);

        assertThat(count("SELECT COUNT(*) FROM specialist")).isZero();
        assertThat(count("SELECT COUNT(*) FROM permission")).isZero();
        assertThat(count("SELECT COUNT(*) FROM outbox")).isZero();
    }

    @Test
    void reopeningShowsTheSavedProfileAndEditsAreAudited() {
        samApproves(joOffers("4"));

        command(JO, "");
        JsonNode view = fakeSlack().calls("views.open").get(0).json("view");
        assertThat(element(view, ProfileForm.TITLE).path("initial_value").asText()).isEqualTo("Senior GIS analyst");
        assertThat(element(view, ProfileForm.HOURS).path("initial_value").asText()).isEqualTo("4");
        assertThat(element(view, ProfileForm.MANAGER).path("initial_user").asText()).isEqualTo(SAM);
        List<String> initialSkills = new ArrayList<>();
        element(view, ProfileForm.SKILLS).path("initial_options").forEach(option ->
                initialSkills.add(option.path("value").asText()));
        assertThat(initialSkills).containsExactly("gis", "python", "user research");

        SlackClient.Reply edited = submit(JO, SlackClient.values()
                .multiSelect(ProfileForm.SKILLS, ProfileForm.SKILLS, "gis", "python")
                .text(ProfileForm.TITLE, ProfileForm.TITLE, "Lead GIS analyst")
                .text(ProfileForm.BIO, ProfileForm.BIO, "Maps.")
                .text(ProfileForm.HOURS, ProfileForm.HOURS, "3.5")
                .user(ProfileForm.MANAGER, ProfileForm.MANAGER, SAM));

        assertThat(edited.text()).contains("Your profile is updated").contains("3.5 h offered")
                .doesNotContain("I've asked");
        assertThat(auditActions("specialist", JO)).containsExactly("profile.created", "profile.updated");
        String after = service.jdbi().withHandle(handle -> handle.createQuery("SELECT after_state FROM audit_log"
                + " WHERE action = 'profile.updated'").mapTo(String.class).one());
        assertThat(after).contains("Lead GIS analyst").contains("3.5 h").doesNotContain("user research");
        assertThat(count("SELECT COUNT(*) FROM permission")).isEqualTo(1);
        assertThat(searchable(JO)).isTrue();
    }

    @Test
    void raisingHoursInTheModalAsksTheManagerAgain() {
        samApproves(joOffers("4"));

        SlackClient.Reply raised = submit(JO, profile("6", SAM));

        assertThat(raised.text()).contains("I've asked <@" + SAM + "> to agree to up to 6 h a week")
                .contains("awaiting your manager's permission for more hours").contains("(you asked for 6 h)");
        long raise = requestTo(SAM, 2);
        assertThat(requests(SAM).get(1).allText()).contains("You agreed to 4 h a week until");
        assertThat(searchable(JO)).isTrue();
        assertThat(capacity().capacity(JO, thisWeek()).orElseThrow().offeredMinutes()).isEqualTo(240);

        click(SAM, SlackAvailabilityNotifier.APPROVE, raise);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(capacity().capacity(JO, thisWeek()).orElseThrow().offeredMinutes()).isEqualTo(360));
    }

    @Test
    void aNewManagerIsAskedAndTheOldApprovalEnds() {
        samApproves(joOffers("4"));

        SlackClient.Reply changed = submit(JO, profile("4", ALEX));

        assertThat(changed.text()).contains("I've asked <@" + ALEX + ">");
        requestTo(ALEX, 1);
        assertThat(searchable(JO)).isFalse();
    }

    @Test
    void loweringHoursBelowWhatIsHeldIsRefusedInTheModal() {
        samApproves(joOffers("4"));
        service.jdbi().useTransaction(handle -> capacity().hold(handle, JO, thisWeek(), 180));

        SlackClient.Reply refused = submit(JO, profile("2", SAM));

        assertThat(refused.json().path("response_action").asText()).isEqualTo("errors");
        assertThat(refused.json().path("errors").path(ProfileForm.HOURS).asText())
                .isEqualTo("You have 3 h held or booked in the week of " + Weeks.dayMonth(thisWeek())
                        + ", so you can't offer less than that.");
        assertThat(capacity().capacity(JO, thisWeek()).orElseThrow().requestedMinutes()).isEqualTo(240);
    }

    @Test
    void skillTypeAheadOffersKnownSkillsMostUsedFirstAndTheTypedOne() throws Exception {
        joOffers("4");
        submit(ALEX, SlackClient.values()
                .text(ProfileForm.NEW_SKILLS, ProfileForm.NEW_SKILLS, "G.I.S., GIS mapping, Python")
                .text(ProfileForm.TITLE, ProfileForm.TITLE, "Analyst")
                .text(ProfileForm.BIO, ProfileForm.BIO, "Data.")
                .text(ProfileForm.HOURS, ProfileForm.HOURS, "2")
                .user(ProfileForm.MANAGER, ProfileForm.MANAGER, SAM));

        JsonNode options = JSON.readTree(blockSuggestion(JO, "gi")).path("options");

        List<String> values = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        options.forEach(option -> {
            values.add(option.path("value").asText());
            texts.add(option.path("text").path("text").asText());
        });
        assertThat(values).containsExactly("new:gi", "gis", "gis mapping");
        assertThat(texts).containsExactly("Add “gi”", "GIS (2)", "GIS mapping (1)");

        JsonNode exact = JSON.readTree(blockSuggestion(JO, "Python")).path("options");
        assertThat(exact.size()).isEqualTo(1);
        assertThat(exact.get(0).path("value").asText()).isEqualTo("python");
        JsonNode words = JSON.readTree(blockSuggestion(JO, "research")).path("options");
        assertThat(words.findValuesAsText("value")).contains("new:research", "user research");
    }

    @Test
    void membersOfCouncilsOutsideThePoolCannotOpenTheModal() {
        SlackClient.Reply stranger = command(LEE, "");
        SlackClient.Reply pending = command(PAT, "");

        assertThat(stranger.text()).contains("Your council (unlisted-district.gov.uk) isn't in the pool yet.");
        assertThat(pending.text()).contains("Hull City Council");
        assertThat(fakeSlack().calls("views.open")).isEmpty();

        SlackClient.Reply submitted = submit(PAT, profile("4", SAM));
        assertThat(submitted.text()).contains("Hull City Council");
        assertThat(count("SELECT COUNT(*) FROM specialist")).isZero();
    }

    @Test
    void anExpiredTriggerIsExplainedNotIgnored() {
        fakeSlack().triggerLifetime(Duration.ZERO);
        try {
            SlackClient.Reply reply = command(JO, "");
            assertThat(reply.text()).contains("I couldn't open your profile form just now")
                    .contains("expired_trigger_id");
        } finally {
            fakeSlack().triggerLifetime(Duration.ofSeconds(3));
        }
    }

    private static void assertError(SlackClient.ViewValues values, String field, String message) {
        SlackClient.Reply reply = submit(JO, values);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("response_action").asText()).isEqualTo("errors");
        assertThat(reply.json().path("errors").path(field).asText()).contains(message);
    }

    private static List<String> blockIds(JsonNode view) {
        List<String> ids = new ArrayList<>();
        view.path("blocks").forEach(block -> ids.add(block.path("block_id").asText()));
        return ids;
    }

    private static JsonNode element(JsonNode view, String blockId) {
        for (JsonNode block : view.path("blocks")) {
            if (blockId.equals(block.path("block_id").asText())) {
                return block.path("element");
            }
        }
        throw new AssertionError("No block " + blockId);
    }
}
