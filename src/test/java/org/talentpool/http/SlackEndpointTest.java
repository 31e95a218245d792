package org.talentpool.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.talentpool.testing.EndToEndTest;
import org.talentpool.testing.SlackClient;

/** The HTTP contract: signed requests reach the app, everything else is refused before any handler. */
class SlackEndpointTest extends EndToEndTest {
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String POOL_BODY = "token=x&team_id=T0TEST&user_id=U0ANYONE&command=%2Fpool&text="
            + "&response_url=http%3A%2F%2F127.0.0.1%3A9%2Fresponse&trigger_id=1.2";

    @Test
    void signedPoolCommandGetsTheHelp() {
        SlackClient.Reply reply = slack().command("U0ANYONE", "/pool", "");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(reply.text()).contains("/pool").contains("Talent Pool");
    }

    @Test
    void unknownSubcommandGetsTheHelpWithANote() {
        SlackClient.Reply reply = slack().command("U0ANYONE", "/pool", "frobnicate <!channel>");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text()).contains("I don't know `/pool frobnicate").contains("/pool");
    }

    @Test
    void unsignedRequestIsRefused() {
        assertRejected(slack().postSigned(POOL_BODY, FORM, null, null), "unsigned");
    }

    @Test
    void wrongSignatureIsRefused() {
        long now = service.clock().instant().getEpochSecond();
        String forged = "v0=" + "0".repeat(64);
        assertRejected(slack().postSigned(POOL_BODY, FORM, String.valueOf(now), forged), "bad_signature");
    }

    @Test
    void bodyChangedAfterSigningIsRefused() {
        long now = service.clock().instant().getEpochSecond();
        String signature = slack().sign(now, POOL_BODY);
        assertRejected(slack().postSigned(POOL_BODY + "help", FORM, String.valueOf(now), signature), "bad_signature");
    }

    @Test
    void sixMinutesOldIsRefused() {
        long then = service.clock().instant().minus(Duration.ofMinutes(6)).getEpochSecond();
        assertRejected(slack().postSigned(POOL_BODY, FORM, String.valueOf(then), slack().sign(then, POOL_BODY)),
                "stale_timestamp");
    }

    @Test
    void sixMinutesInTheFutureIsRefused() {
        long then = service.clock().instant().plus(Duration.ofMinutes(6)).getEpochSecond();
        assertRejected(slack().postSigned(POOL_BODY, FORM, String.valueOf(then), slack().sign(then, POOL_BODY)),
                "future_timestamp");
    }

    @Test
    void fourMinutesSkewIsAccepted() {
        long then = service.clock().instant().plus(Duration.ofMinutes(4)).getEpochSecond();
        SlackClient.Reply reply = slack().postSigned(POOL_BODY, FORM, String.valueOf(then), slack().sign(then, POOL_BODY));
        assertThat(reply.status()).isEqualTo(200);
    }

    @Test
    void malformedBodyGets400() {
        SlackClient.Reply reply = slack().post("payload=%7Bnot-json", FORM);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(service.get("/metrics").body()).contains("reason=\"malformed\"");
    }

    @Test
    void formWithoutACommandOrPayloadGets400() {
        assertThat(slack().post("hello=world", FORM).status()).isEqualTo(400);
        assertThat(slack().post("", FORM).status()).isEqualTo(400);
        assertThat(slack().post("{\"type\":\"nonsense\"}", "application/json").status()).isEqualTo(400);
    }

    @Test
    void healthNamesDatabaseAndScheduler() {
        SlackClient.Reply health = service.get("/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
        assertThat(health.json().path("database").path("status").asText()).isEqualTo("UP");
        assertThat(health.json().path("database").path("kind").asText()).isEqualTo(kind.name().toLowerCase());
        assertThat(health.json().path("scheduler").path("status").asText()).isEqualTo("UP");
    }

    @Test
    void metricsCountRequestsByCommandAndOutcome() {
        slack().command("U0ANYONE", "/pool", "");

        String metrics = service.get("/metrics").body();
        assertThat(metrics).contains("slack_requests_seconds_count{kind=\"command\",name=\"/pool\",outcome=\"ok\"}");
        assertThat(metrics).contains("slack_requests_seconds_bucket");
    }

    private static void assertRejected(SlackClient.Reply reply, String reason) {
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().path("reason").asText()).isEqualTo(reason);
        assertThat(service.get("/metrics").body())
                .containsPattern("slack_requests_rejected_total\\{reason=\"" + reason + "\"} [1-9]");
    }
}
