package org.talentpool.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.builtin.RequestVerification;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The Bolt app keeps Bolt's request verification, computing signatures with {@link HmacSignature}. */
class SlackAppFactoryTest {
    private static final String SECRET = "a-test-signing-secret";
    private static final String BODY = "token=x&team_id=T0TEST&user_id=U0TEST&command=%2Favailable&text=status";

    @Test
    void boltsRequestVerificationStaysAndRefusesWhatItRefusedBefore() throws Exception {
        AppConfig config = AppConfig.builder().signingSecret(SECRET).singleTeamBotToken("xoxb-test").build();
        Middleware other = (request, response, chain) -> chain.next(request);
        List<Middleware> middleware = SlackAppFactory.withHmacSignatures(List.of(
                new RequestVerification(new SlackSignature.Verifier(new SlackSignature.Generator(SECRET))), other),
                config);

        assertThat(middleware).hasSize(2).element(1).isSameAs(other);
        assertThat(middleware.get(0)).isInstanceOf(RequestVerification.class);
        String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
        String good = new SlackSignature.Generator(SECRET).generate(timestamp, BODY);
        String forged = new SlackSignature.Generator("not-the-secret").generate(timestamp, BODY);
        assertThat(apply(middleware.get(0), timestamp, good)).as("signed with the secret: passed on").isEqualTo(200);
        assertThat(apply(middleware.get(0), timestamp, forged)).as("forged: refused").isEqualTo(401);
        assertThat(apply(middleware.get(0), null, good)).as("unsigned: refused").isEqualTo(401);
    }

    @Test
    void withoutASigningSecretTheMiddlewareIsBoltsAsItWas() {
        // Socket Mode: Bolt keeps its verification, which lets Socket Mode requests through unsigned
        AppConfig config = AppConfig.builder().singleTeamBotToken("xoxb-test").build();
        RequestVerification bolts = new RequestVerification(new SlackSignature.Verifier(
                new SlackSignature.Generator("as-bolt-made-it")));

        assertThat(SlackAppFactory.withHmacSignatures(List.of(bolts), config)).containsExactly(bolts);
    }

    private static int apply(Middleware verification, String timestamp, String signature) throws Exception {
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("content-type", List.of("application/x-www-form-urlencoded"));
        if (timestamp != null) {
            headers.put(SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP, List.of(timestamp));
        }
        headers.put(SlackSignature.HeaderNames.X_SLACK_SIGNATURE, List.of(signature));
        AtomicInteger passedOn = new AtomicInteger();
        Response response = verification.apply(new SlashCommandRequest(BODY, new RequestHeaders(headers)),
                Response.builder().statusCode(200).build(), request -> {
                    passedOn.incrementAndGet();
                    return Response.builder().statusCode(200).build();
                });
        assertThat(passedOn.get()).isEqualTo(response.getStatusCode() == 200 ? 1 : 0);
        return response.getStatusCode();
    }
}
