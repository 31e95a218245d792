package org.talentpool;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.talentpool.config.PoolConfig;
import org.talentpool.testing.TestDatabase;

/** Without SLACK_SIGNING_SECRET the service still starts and is healthy; Slack requests are not served. */
class NotConnectedTest {

    @Test
    void startsHealthyAndExplainsSlackIsNotConfigured() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2);
             TalentPool pool = TalentPool.start(PoolConfig.fromEnv(Map.of("DATABASE_URL", database.url(),
                     "PORT", "0")), Clock.systemUTC())) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + pool.port();

            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> events = http.send(HttpRequest.newBuilder(URI.create(base + "/slack/events"))
                    .POST(HttpRequest.BodyPublishers.ofString("command=%2Fpool")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(events.statusCode()).isEqualTo(503);
            assertThat(events.body()).contains("SLACK_SIGNING_SECRET");
        }
    }
}
