package org.talentpool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.talentpool.config.PoolConfig;
import org.talentpool.testing.FakeSlack;
import org.talentpool.testing.TestDatabase;

/** With SLACK_APP_TOKEN the service connects out by Socket Mode and serves no Slack HTTP endpoint. */
class SocketModeTest {

    @Test
    void opensASocketModeConnectionWithTheAppToken() throws Exception {
        try (FakeSlack slack = new FakeSlack();
             TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2);
             TalentPool pool = TalentPool.start(PoolConfig.fromEnv(Map.of("DATABASE_URL", database.url(),
                     "PORT", "0", "SLACK_API_URL", slack.apiUrl(), "SLACK_BOT_TOKEN", "xoxb-test",
                     "SLACK_APP_TOKEN", "xapp-test")), Clock.systemUTC())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !slack.calls("apps.connections.open").isEmpty());
            assertThat(slack.calls("apps.connections.open").get(0).token()).isEqualTo("xapp-test");

            HttpResponse<String> events = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + pool.port() + "/slack/events"))
                    .POST(HttpRequest.BodyPublishers.ofString("command=%2Fpool")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(events.statusCode()).isEqualTo(503);
        }
    }
}
