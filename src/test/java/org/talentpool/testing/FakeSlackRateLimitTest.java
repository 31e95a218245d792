package org.talentpool.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake Slack's rate limit, which the outbox benchmark relies on: 429 with Retry-After, and nothing done. */
class FakeSlackRateLimitTest {
    private final FakeSlack slack = new FakeSlack();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        slack.close();
    }

    @Test
    void callsOverTheLimitAreRefusedWith429AndRetryAfterAndPostNothing() throws Exception {
        slack.rateLimit("chat.postMessage", 0.01, 2);

        assertThat(post("chat.postMessage", "channel=U0JO0001&text=one").statusCode()).isEqualTo(200);
        assertThat(post("chat.postMessage", "channel=U0JO0001&text=two").statusCode()).isEqualTo(200);
        HttpResponse<String> refused = post("chat.postMessage", "channel=U0JO0001&text=three");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                assertThat(Long.parseLong(seconds)).isGreaterThanOrEqualTo(1));
        assertThat(refused.body()).contains("ratelimited");
        assertThat(slack.history("U0JO0001")).extracting(FakeSlack.Posted::text).containsExactly("one", "two");
        assertThat(slack.rateLimited("chat.postMessage")).isEqualTo(1);
        assertThat(post("chat.update", "channel=D0JO0001&ts=1.000001&text=x").statusCode()).isEqualTo(200);
        assertThat(slack.rateLimited("chat.update")).isZero();
    }

    @Test
    void resetLiftsTheLimit() throws Exception {
        slack.rateLimit("chat.postMessage", 0.01, 1);
        post("chat.postMessage", "channel=U0JO0001&text=one");

        slack.reset();

        assertThat(post("chat.postMessage", "channel=U0JO0001&text=two").statusCode()).isEqualTo(200);
        assertThat(slack.rateLimited("chat.postMessage")).isZero();
    }

    private HttpResponse<String> post(String method, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(slack.apiUrl() + method))
                .header("Authorization", "Bearer " + ServiceHarness.BOT_TOKEN)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
