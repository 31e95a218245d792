package org.talentpool.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.talentpool.testing.FakeSlack;
import org.talentpool.testing.ServiceHarness;
import org.talentpool.testing.SlackClient;
import org.talentpool.testing.TestDatabase;

/**
 * More searches at once than the service queues: the one too many is answered at once, "busy, try again", and
 * counted, instead of waiting behind the others (the queue of slow work used to grow without limit).
 */
class FindExpertBusyTest {
    private static final String KIM = "U0KIM001";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aSearchBeyondTheQueuedLimitIsAnsweredBusyAtOnceAndCounted() throws Exception {
        try (ServiceHarness service = ServiceHarness.start(TestDatabase.Kind.H2)) {
            FakeSlack slack = ExpertFixture.gisAtLeedsForYork(service, KIM);
            // the answers of the first searches are held: nothing pending finishes until they are released
            slack.holdResponses();
            for (int i = 0; i < PendingSearches.LIMIT; i++) {
                SlackClient.Reply queued = service.client().command(KIM, "/find-expert", "gis");
                assertThat(queued.status()).isEqualTo(200);
                assertThat(queued.body()).as("search %d", i).isBlank();
            }

            SlackClient.Reply busy = service.client().command(KIM, "/find-expert", "gis");

            assertThat(busy.status()).isEqualTo(200);
            assertThat(busy.json().path("response_type").asText()).isEqualTo("ephemeral");
            assertThat(busy.json().path("text").asText()).isEqualTo(SearchFeature.BUSY);
            // the App Home's search box has no response URL: the word goes to the member's DM, after the held answers
            SlackClient.Reply fromHome = service.client().homeAction(KIM, JSON.createObjectNode()
                    .put("action_id", SearchHomeSection.SEARCH).put("block_id", SearchHomeSection.SEARCH)
                    .put("type", "plain_text_input").put("value", "gis"));
            assertThat(fromHome.status()).isEqualTo(200);
            assertThat(service.get("/metrics").body()).contains("searches_turned_away_total 2.0");

            slack.releaseResponses();
            await().atMost(Duration.ofSeconds(30)).until(() -> slack.messagesTo(KIM).stream()
                    .anyMatch(call -> SearchFeature.BUSY.equals(call.param("text"))));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> slack.responsePosts().size() == PendingSearches.LIMIT);
            SlackClient.Reply again = service.client().command(KIM, "/find-expert", "gis");
            assertThat(again.body()).isBlank();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> slack.responsePosts().size() == PendingSearches.LIMIT + 1);
            assertThat(slack.responsePosts()).allSatisfy(post -> assertThat(post.body().toString())
                    .contains("expert-U0GIS"));
        }
    }
}
