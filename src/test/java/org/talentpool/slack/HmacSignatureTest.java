package org.talentpool.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.app_backend.SlackSignature;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Signatures as Bolt's own generator computes them, which Slack's are. */
class HmacSignatureTest {
    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

    @Test
    void signsAsBoltsGeneratorDoes() {
        SlackSignature.Generator bolt = new SlackSignature.Generator(SECRET);
        HmacSignature hmac = new HmacSignature(SECRET);
        SplittableRandom random = new SplittableRandom(3);
        List<String> bodies = List.of("", "token=x&team_id=T1&command=%2Favailable&text=status",
                "payload=%7B%22type%22%3A%22view_submission%22%7D", "{\"type\":\"event_callback\"}",
                "text=Caf\u00e9 \u2013 \u6771\u4eac \ud83d\ude00", "null");
        for (String body : bodies) {
            String timestamp = String.valueOf(1_700_000_000L + random.nextInt(100_000_000));
            assertThat(hmac.generate(timestamp, body)).as(body).isEqualTo(bolt.generate(timestamp, body));
        }
        for (int i = 0; i < 200; i++) {
            StringBuilder body = new StringBuilder();
            int length = random.nextInt(600);
            for (int c = 0; c < length; c++) {
                body.append((char) (random.nextBoolean() ? 32 + random.nextInt(95) : random.nextInt(0xD800)));
            }
            String timestamp = String.valueOf(random.nextLong(1L << 40));
            assertThat(hmac.generate(timestamp, body.toString())).isEqualTo(bolt.generate(timestamp, body.toString()));
        }
        assertThat(hmac.generate("1700000000", "a")).startsWith("v0=").hasSize(3 + 64);
    }

    @Test
    void threadsSigningAtOnceGetTheSameSignatures() {
        HmacSignature hmac = new HmacSignature(SECRET);
        String expected = new SlackSignature.Generator(SECRET).generate("1700000000", "text=status");
        assertThat(IntStream.range(0, 2_000).parallel().mapToObj(i -> hmac.generate("1700000000", "text=status"))
                .distinct().toList()).containsExactly(expected);
    }

    @Test
    void noTimestampNoSignatureAndASecretIsNeeded() {
        assertThat(new HmacSignature(SECRET).generate(null, "body")).isNull();
        assertThatThrownBy(() -> new HmacSignature("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void boltsVerifierAcceptsItsSignaturesOnlyForTheirBody() {
        HmacSignature hmac = new HmacSignature(SECRET);
        SlackSignature.Verifier verifier = new SlackSignature.Verifier(hmac);
        long now = System.currentTimeMillis();
        String timestamp = String.valueOf(now / 1000);
        String signature = new SlackSignature.Generator(SECRET).generate(timestamp, "text=status");
        assertThat(verifier.isValid(timestamp, "text=status", signature, now)).isTrue();
        assertThat(verifier.isValid(timestamp, "text=pause", signature, now)).isFalse();
        assertThat(verifier.isValid(timestamp, "text=status",
                new SlackSignature.Generator("another-secret").generate(timestamp, "text=status"), now)).isFalse();
    }
}
