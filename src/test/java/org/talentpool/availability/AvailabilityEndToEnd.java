package org.talentpool.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.talentpool.council.CouncilDao;
import org.talentpool.testing.EndToEndTest;
import org.talentpool.testing.FakeSlack;
import org.talentpool.testing.SlackClient;

/**
 * Shared people, councils and steps of the availability end-to-end tests: Jo (a Leeds specialist), Sam (Jo's
 * manager), Alex (another Leeds officer), Kim (York), Pat (Hull, known but not approved) and Lee (no council).
 */
abstract class AvailabilityEndToEnd extends EndToEndTest {
    static final String JO = "U0JO0001";
    static final String SAM = "U0SAM001";
    static final String ALEX = "U0ALEX01";
    static final String KIM = "U0KIM001";
    static final String PAT = "U0PAT001";
    static final String LEE = "U0LEE001";
    static final String FORM = "application/x-www-form-urlencoded";
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void councilsAndPeople() {
        // The harness resets the (frozen) clock to Instant.now() with nanoseconds; H2 rounds the outbox's
        // next_attempt_at up to microseconds, so a message would never fall due. Whole seconds avoid that.
        service.clock().set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        service.jdbi().useExtension(CouncilDao.class, dao -> {
            OffsetDateTime now = OffsetDateTime.now(service.clock());
            dao.insertDomain("leeds.gov.uk", dao.insertCouncil("LDS", "Leeds City Council", "Leeds", "England",
                    "Metropolitan district", "approved", now));
            dao.insertDomain("york.gov.uk", dao.insertCouncil("YOR", "City of York Council", "York", "England",
                    "Unitary authority", "approved", now));
            dao.insertDomain("hull.gov.uk", dao.insertCouncil("KHL", "Hull City Council", "Hull", "England",
                    "Unitary authority", "known", now));
        });
        fakeSlack().user(JO, "Jo Bloggs", "jo.bloggs@leeds.gov.uk")
                .user(SAM, "Sam Jones", "sam.jones@leeds.gov.uk")
                .user(ALEX, "Alex Smith", "alex.smith@leeds.gov.uk")
                .user(KIM, "Kim Lee", "kim.lee@york.gov.uk")
                .user(PAT, "Pat Doe", "pat.doe@hull.gov.uk")
                .user(LEE, "Lee Roe", "lee.roe@unlisted-district.gov.uk");
    }

    /** A complete, valid profile form: GIS chosen from the list or new, Python typed, 4 h, Sam as manager. */
    static SlackClient.ViewValues profile(String hours, String manager) {
        return SlackClient.values()
                .multiSelect(ProfileForm.SKILLS, ProfileForm.SKILLS, "new:GIS")
                .text(ProfileForm.NEW_SKILLS, ProfileForm.NEW_SKILLS, "Python, user research")
                .text(ProfileForm.TITLE, ProfileForm.TITLE, "Senior GIS analyst")
                .text(ProfileForm.BIO, ProfileForm.BIO, "Maps & data for planning <b>and</b> highways.")
                .text(ProfileForm.HOURS, ProfileForm.HOURS, hours)
                .user(ProfileForm.MANAGER, ProfileForm.MANAGER, manager);
    }

    /** The view state as Slack sends it for our elements (the skills element is an external multi-select). */
    static ObjectNode state(SlackClient.ViewValues values) {
        ObjectNode state = values.build();
        JsonNode skills = state.path(ProfileForm.SKILLS).path(ProfileForm.SKILLS);
        if (skills instanceof ObjectNode element) {
            element.put("type", "multi_external_select");
        }
        return state;
    }

    static SlackClient.Reply submit(String user, SlackClient.ViewValues values) {
        return slack().viewSubmission(user, ProfileModal.CALLBACK_ID, "V0PROFILE", "", state(values));
    }

    /** Jo saves a first profile of {@code hours} with Sam as manager; returns the permission request's ID. */
    static long joOffers(String hours) {
        SlackClient.Reply reply = submit(JO, profile(hours, SAM));
        assertThat(reply.json().path("response_action").asText()).isEqualTo("update");
        return requestTo(SAM, 1);
    }

    /** Waits for the {@code count}th permission request DM to a manager and returns its permission ID. */
    static long requestTo(String manager, int count) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(requests(manager)).hasSizeGreaterThanOrEqualTo(count));
        return Long.parseLong(button(requests(manager).get(count - 1), SlackAvailabilityNotifier.APPROVE).path("value").asText());
    }

    static List<FakeSlack.Call> requests(String manager) {
        return fakeSlack().messagesTo(manager).stream()
                .filter(call -> call.param("text").contains("would like to offer")).toList();
    }

    static JsonNode button(FakeSlack.Call call, String actionId) {
        JsonNode blocks = call.json("blocks");
        for (JsonNode block : blocks) {
            for (JsonNode element : block.path("elements")) {
                if (actionId.equals(element.path("action_id").asText())) {
                    return element;
                }
            }
        }
        throw new AssertionError("No " + actionId + " button in " + blocks);
    }

    /** The manager clicks a button on the request DM. */
    static SlackClient.Reply click(String user, String actionId, long permissionId) {
        return slack().blockAction(user, actionId, String.valueOf(permissionId), "permission-" + permissionId,
                "1700000001.000100", "D0SAMDM1");
    }

    /** Sam approves Jo's request. */
    static void samApproves(long permissionId) {
        assertThat(click(SAM, SlackAvailabilityNotifier.APPROVE, permissionId).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(dmsTo(JO)).anyMatch(text ->
                text.contains("agreed you may offer")));
    }

    static List<String> dmsTo(String user) {
        return FakeSlack.texts(fakeSlack().messagesTo(user));
    }

    /** What the clicker was told through a response_url. */
    static String responseTo(SlackClient.Reply click) {
        String id = click.responseUrl().substring(click.responseUrl().lastIndexOf('/') + 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> fakeSlack().responsePosts().stream()
                .anyMatch(post -> post.id().equals(id)));
        return fakeSlack().responsePosts().stream().filter(post -> post.id().equals(id)).findFirst().orElseThrow()
                .body().path("text").asText();
    }

    static SlackClient.Reply command(String user, String text) {
        return slack().command(user, "/available", text);
    }

    static WeeklyCapacity capacity() {
        return new WeeklyCapacity(service.jdbi(), service.clock(), ZoneId.of("Europe/London"));
    }

    static LocalDate thisWeek() {
        return capacity().thisWeek();
    }

    static boolean searchable(String user) {
        return service.jdbi().withExtension(SpecialistDao.class, dao -> dao.isSearchable(user,
                Weeks.today(service.clock(), ZoneId.of("Europe/London"))));
    }

    static List<String> auditActions(String subjectType, String subjectId) {
        return service.jdbi().withHandle(handle -> handle.createQuery("SELECT action FROM audit_log"
                        + " WHERE subject_type = :type AND subject_id = :id ORDER BY id")
                .bind("type", subjectType).bind("id", subjectId).mapTo(String.class).list());
    }

    static int count(String sql) {
        return service.jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(Integer.class).one());
    }

    static String blockSuggestion(String user, String typed) {
        ObjectNode payload = JSON.createObjectNode().put("type", "block_suggestion").put("api_app_id", "A0TEST")
                .put("token", "verification-token-unused").put("action_id", ProfileModal.SKILLS_ACTION)
                .put("block_id", ProfileForm.SKILLS).put("value", typed);
        payload.putObject("team").put("id", FakeSlack.TEAM_ID).put("domain", "test-councils");
        payload.putObject("user").put("id", user).put("username", user.toLowerCase()).put("team_id", FakeSlack.TEAM_ID);
        payload.putObject("container").put("type", "view").put("view_id", "V0PROFILE");
        payload.putObject("view").put("id", "V0PROFILE").put("type", "modal")
                .put("callback_id", ProfileModal.CALLBACK_ID).put("team_id", FakeSlack.TEAM_ID);
        SlackClient.Reply reply = slack().post(SlackClient.formEncode(Map.of("payload", payload.toString())), FORM);
        assertThat(reply.status()).isEqualTo(200);
        return reply.body();
    }
}
