package org.talentpool.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.talentpool.schedule.ScheduledJob;
import org.talentpool.slack.Outbox;
import org.talentpool.testing.FakeSlack;
import org.talentpool.testing.ServiceHarness;
import org.talentpool.testing.SlackClient;

/**
 * Over signed HTTP: the "Your hours" App Home section and its controls, the Monday nudge's buttons, and
 * {@code /available nudges off|on}.
 */
class HoursHomeAndNudgesTest extends AvailabilityEndToEnd {

    private static List<FakeSlack.Call> homes(String user) {
        return fakeSlack().calls("views.publish").stream().filter(call -> user.equals(call.param("user_id"))).toList();
    }

    /** Waits for a published App Home of the user containing {@code expected}; returns its text. */
    private static String homeShowing(String user, String expected) {
        await().atMost(Duration.ofSeconds(15)).until(() -> homes(user).stream()
                .anyMatch(call -> call.allText().contains(expected)));
        return homes(user).stream().filter(call -> call.allText().contains(expected)).reduce((a, b) -> b)
                .orElseThrow().allText();
    }

    private static JsonNode homeView(String user, String expected) {
        homeShowing(user, expected);
        return homes(user).stream().filter(call -> call.allText().contains(expected)).reduce((a, b) -> b)
                .orElseThrow().json("view");
    }

    private static SlackClient.Reply choose(String user, String value) {
        ObjectNode action = JSON.createObjectNode().put("action_id", AvailabilityBlocks.SET_HOURS)
                .put("block_id", "hours").put("type", "static_select");
        action.putObject("selected_option").put("value", value).putObject("text").put("type", "plain_text")
                .put("text", value);
        return slack().homeAction(user, action);
    }

    private static SlackClient.Reply homeButton(String user, String actionId, String value) {
        return slack().homeAction(user, JSON.createObjectNode().put("action_id", actionId).put("block_id", "hours")
                .put("type", "button").put("value", value));
    }

    private static int offered(java.time.LocalDate week) {
        return capacity().capacity(JO, week).orElseThrow().offeredMinutes();
    }

    @Test
    void theSpecialistsHomeShowsTheirHoursAndChangesThem() {
        samApproves(joOffers("4"));
        String thisWeek = Weeks.dayMonth(thisWeek());

        // Saving the profile and the approval published Jo's home; nobody had to open it.
        String home = homeShowing(JO, "agreed you may offer up to 4 h a week");
        assertThat(home).contains("Your hours").contains("*This week* (w/c " + thisWeek + "): 4 h offered · 0 h held"
                + " · 0 h booked · *4 h left*").contains("Monday reminder when you offer no hours: *on*");
        JsonNode select = HomeSelect.of(homeView(JO, "Your hours"), "hours-" + thisWeek());
        assertThat(select.path("options").findValuesAsText("value")).contains(thisWeek() + "|0", thisWeek() + "|120",
                thisWeek() + "|600");

        assertThat(choose(JO, thisWeek() + "|120").status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> offered(thisWeek()) == 120);
        assertThat(homeShowing(JO, "2 h offered")).contains("*This week* (w/c " + thisWeek + "): 2 h offered");
        assertThat(auditActions("specialist_week", JO + "/" + thisWeek())).containsExactly("hours.week_changed");
        assertThat(dmsTo(JO)).noneMatch(text -> text.contains("You offer"));

        homeButton(JO, AvailabilityBlocks.NUDGES, "off");
        assertThat(homeShowing(JO, "Monday reminder when you offer no hours: *off*")).contains("Turn on");
        assertThat(nudges(JO)).contains(false);

        // A stale or forged value changes nothing; someone without a profile is told so by DM.
        choose(JO, "2001-01-01|120");
        choose(KIM, thisWeek() + "|120");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(dmsTo(JO)).anyMatch(text -> text.contains("The week of 1 Jan is over"));
            assertThat(dmsTo(KIM)).anyMatch(text -> text.contains("You haven't set up your profile yet"));
        });
        assertThat(offered(thisWeek())).isEqualTo(120);
    }

    @Test
    void membersWithoutAProfileSeeNoHoursSection() {
        slack().event(KIM, "app_home_opened", JSON.createObjectNode().put("tab", "home").put("channel", "D0KIM001"));

        assertThat(homeShowing(KIM, "Welcome, Kim Lee")).doesNotContain("Your hours").contains("Find an expert");
    }

    @Test
    void theMondayNudgeSetsThisWeeksHoursAndCanBeTurnedOff() throws Exception {
        samApproves(joOffers("4"));
        assertThat(command(JO, "0").text()).contains("You offer *0 h a week*");
        HoursNudgeJob job = new HoursNudgeJob(service.jdbi(), java.time.ZoneId.of("Europe/London"),
                new SlackAvailabilityNotifier(new Outbox(service.clock())));

        assertThat(job.run(ScheduledJob.Run.scheduled(service.clock().instant()))).endsWith("1 nudged now");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(dmsTo(JO))
                .anyMatch(text -> text.contains("You're offering no hours to other councils this week")));
        FakeSlack.Call nudge = fakeSlack().messagesTo(JO).stream()
                .filter(call -> call.param("text").contains("offering no hours")).findFirst().orElseThrow();
        assertThat(button(nudge, AvailabilityBlocks.SET_HOURS).path("value").asText()).isEqualTo(thisWeek() + "|60");

        SlackClient.Reply twoHours = slack().blockAction(JO, AvailabilityBlocks.SET_HOURS, thisWeek() + "|120",
                "nudge-" + thisWeek(), "1700000005.000100", "D0JO0001");

        JsonNode reply = replyTo(twoHours);
        assertThat(reply.path("replace_original").asBoolean()).isTrue();
        assertThat(reply.path("text").asText()).contains("You offer *2 h* this week only.")
                .contains("2 h offered · 0 h held · 0 h booked · *2 h left* — just that week");
        assertThat(offered(thisWeek())).isEqualTo(120);

        SlackClient.Reply stop = slack().blockAction(JO, AvailabilityBlocks.NUDGES, "off", "nudge-" + thisWeek(),
                "1700000005.000100", "D0JO0001");
        assertThat(replyTo(stop).path("text").asText()).contains("No more Monday reminders");
        assertThat(nudges(JO)).contains(false);
        assertThat(auditActions("specialist", JO)).contains("availability.nudges_off");

        // Running the job again this week nudges nobody, and with nudges off nobody would be nudged anyway.
        assertThat(job.run(ScheduledJob.Run.scheduled(service.clock().instant()))).contains("0 specialists");
    }

    @Test
    void nudgesAreTurnedOffAndOnByCommand() {
        joOffers("4");

        assertThat(command(JO, "nudges off").text()).contains("No more Monday reminders");
        assertThat(command(JO, "nudges off").text()).contains("already off");
        assertThat(command(JO, "nudges on").text()).contains("Monday reminders are on");
        assertThat(command(JO, "nudges").text()).contains("`/available nudges off` or `/available nudges on`");
        assertThat(command(KIM, "nudges off").text()).contains("You haven't set up your profile yet");
        assertThat(slack().command(JO, "/pool", "").text()).contains("/available nudges off");
    }

    @Test
    void theNewJobsAreScheduled() {
        String jobs = slack().command(ServiceHarness.ADMIN, "/pool-admin", "jobs").text();

        assertThat(jobs).contains("weekly-reset").contains("hours-nudge").contains("permission-expiry")
                .contains("unanswered-requests").contains("monday-digest");
    }

    private static java.util.Optional<Boolean> nudges(String user) {
        return service.jdbi().withExtension(SpecialistDao.class, dao -> dao.nudges(user));
    }

    /** The post the service made to a click's response URL. */
    private static JsonNode replyTo(SlackClient.Reply click) {
        String id = click.responseUrl().substring(click.responseUrl().lastIndexOf('/') + 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> fakeSlack().responsePosts().stream()
                .anyMatch(post -> post.id().equals(id)));
        return fakeSlack().responsePosts().stream().filter(post -> post.id().equals(id)).findFirst().orElseThrow()
                .body();
    }

    /** The select in the home section block with this block ID. */
    private static final class HomeSelect {
        static JsonNode of(JsonNode view, String blockId) {
            for (JsonNode block : view.path("blocks")) {
                if (blockId.equals(block.path("block_id").asText())) {
                    return block.path("accessory");
                }
            }
            throw new AssertionError("No block " + blockId + " in " + view);
        }
    }
}
