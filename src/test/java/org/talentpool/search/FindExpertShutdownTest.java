package org.talentpool.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.talentpool.testing.FakeSlack;
import org.talentpool.testing.ServiceHarness;
import org.talentpool.testing.SlackClient;
import org.talentpool.testing.TestDatabase;

/**
 * Stopping the service while searches it has acknowledged are still queued: they run to the end, database and all,
 * before it stops (they used to fail on a closed connection pool, leaving members without an answer).
 */
class FindExpertShutdownTest {
    private static final String KIM = "U0KIM001";
    private static final int SEARCHES = 12;

    @Test
    void searchesAcknowledgedBeforeStoppingAreAnswered() throws Exception {
        List<String> responseIds = new ArrayList<>();
        try (ServiceHarness service = ServiceHarness.start(TestDatabase.Kind.H2)) {
            FakeSlack slack = ExpertFixture.gisAtLeedsForYork(service, KIM);
            // each answer takes half a second to post: most searches are still queued when the service stops
            slack.responseLatency(Duration.ofMillis(500));
            for (int i = 0; i < SEARCHES; i++) {
                SlackClient.Reply reply = service.client().command(KIM, "/find-expert", "gis");
                assertThat(reply.status()).isEqualTo(200);
                responseIds.add(reply.responseUrl().substring(reply.responseUrl().lastIndexOf('/') + 1));
            }

            service.pool().close();

            List<FakeSlack.ResponsePost> posts = slack.responsePosts();
            assertThat(posts).extracting(FakeSlack.ResponsePost::id).containsExactlyInAnyOrderElementsOf(responseIds);
            assertThat(posts).allSatisfy(post -> assertThat(post.body().toString()).contains("expert-U0GIS"));
        }
    }
}
