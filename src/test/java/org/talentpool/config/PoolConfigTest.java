package org.talentpool.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PoolConfigTest {

    @Test
    void defaultsMatchTheRuntimeContract() {
        PoolConfig config = PoolConfig.fromEnv(Map.of());

        assertThat(config.signingSecret()).isEmpty();
        assertThat(config.slackConnected()).isFalse();
        assertThat(config.sandbox()).isTrue();
        assertThat(config.slackApiUrl()).isEqualTo("https://slack.com/api/");
        assertThat(config.databaseUrl()).isEqualTo("jdbc:h2:file:./data/talentpool");
        assertThat(config.databaseUser()).isEmpty();
        assertThat(config.port()).isEqualTo(3000);
        assertThat(config.admins()).isEmpty();
        assertThat(config.adminChannel()).isEmpty();
        assertThat(config.timezone()).isEqualTo(ZoneId.of("Europe/London"));
    }

    @Test
    void anySlackCredentialMeansNoSandbox() {
        assertThat(PoolConfig.fromEnv(Map.of("SLACK_SIGNING_SECRET", "s", "SLACK_BOT_TOKEN", "xoxb-1")).sandbox())
                .isFalse();
        assertThat(PoolConfig.fromEnv(Map.of("SLACK_APP_TOKEN", "xapp-1", "SLACK_BOT_TOKEN", "xoxb-1")).sandbox())
                .isFalse();
        assertThat(PoolConfig.fromEnv(Map.of("SLACK_BOT_TOKEN", "xoxb-1")).sandbox()).isTrue();
    }

    @Test
    void withSlackPutsAStandInSlackInPlaceAndKeepsTheRest() {
        PoolConfig config = PoolConfig.fromEnv(Map.of("PORT", "0", "POOL_TIMEZONE", "Europe/Dublin"));

        PoolConfig standIn = config.withSlack("made-up-secret", "xoxb-sandbox", "http://127.0.0.1:1234/api", "C0POOLADMINS");

        assertThat(standIn.signingSecret()).contains("made-up-secret");
        assertThat(standIn.botToken()).contains("xoxb-sandbox");
        assertThat(standIn.socketMode()).isFalse();
        assertThat(standIn.slackApiUrl()).isEqualTo("http://127.0.0.1:1234/api/");
        assertThat(standIn.adminChannel()).contains("C0POOLADMINS");
        assertThat(standIn.port()).isZero();
        assertThat(standIn.timezone()).isEqualTo(ZoneId.of("Europe/Dublin"));
        assertThat(PoolConfig.fromEnv(Map.of("POOL_ADMIN_CHANNEL", "C0MINE"))
                .withSlack("s", "xoxb-1", "http://127.0.0.1:1/api/", "C0POOLADMINS").adminChannel()).contains("C0MINE");
        assertThat(config.toString()).contains("slack=sandbox").doesNotContain("slack.com");
    }

    @Test
    void readsEverySetting() {
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_SIGNING_SECRET", "secret");
        env.put("SLACK_BOT_TOKEN", "xoxb-1");
        env.put("SLACK_APP_TOKEN", "xapp-1");
        env.put("SLACK_API_URL", "http://localhost:9999/api");
        env.put("DATABASE_URL", "jdbc:postgresql://db:5432/pool");
        env.put("DATABASE_USER", "pool");
        env.put("DATABASE_PASSWORD", "pw");
        env.put("PORT", "8080");
        env.put("POOL_ADMINS", "U01ABC, U02DEF");
        env.put("POOL_ADMIN_CHANNEL", "C0ADMINS");
        env.put("POOL_TIMEZONE", "Europe/Dublin");

        PoolConfig config = PoolConfig.fromEnv(env);

        assertThat(config.signingSecret()).contains("secret");
        assertThat(config.botToken()).contains("xoxb-1");
        assertThat(config.socketMode()).isTrue();
        assertThat(config.slackApiUrl()).isEqualTo("http://localhost:9999/api/");
        assertThat(config.databaseUrl()).isEqualTo("jdbc:postgresql://db:5432/pool");
        assertThat(config.databaseUser()).isEqualTo("pool");
        assertThat(config.databasePassword()).isEqualTo("pw");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.admins()).containsExactlyInAnyOrder("U01ABC", "U02DEF");
        assertThat(config.adminChannel()).contains("C0ADMINS");
        assertThat(config.timezone()).isEqualTo(ZoneId.of("Europe/Dublin"));
        assertThat(config.toString()).doesNotContain("secret").doesNotContain("xoxb-1").doesNotContain("pw");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "PORT|abc|PORT",
            "PORT|70000|PORT",
            "DATABASE_URL|jdbc:mysql://localhost/pool|DATABASE_URL",
            "POOL_TIMEZONE|Mars/Olympus|POOL_TIMEZONE",
            "POOL_ADMINS|bob|POOL_ADMINS",
            "POOL_ADMIN_CHANNEL|#admins|POOL_ADMIN_CHANNEL",
            "SLACK_API_URL|not a url|SLACK_API_URL"})
    void badValuesNameTheSetting(String name, String value, String named) {
        assertThatThrownBy(() -> PoolConfig.fromEnv(Map.of(name, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(named)
                .hasMessageContaining(value)
                .satisfies(error -> assertThat(error.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aWrongKindOfTokenIsNamedButNotEchoed() {
        assertThatThrownBy(() -> PoolConfig.fromEnv(Map.of("SLACK_BOT_TOKEN", "xoxp-user-token")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("SLACK_BOT_TOKEN")
                .satisfies(error -> assertThat(error.getMessage()).doesNotContain("xoxp-user-token"));
    }

    @Test
    void aSigningSecretNeedsABotToken() {
        assertThatThrownBy(() -> PoolConfig.fromEnv(Map.of("SLACK_SIGNING_SECRET", "secret")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("SLACK_BOT_TOKEN");
    }

    @Test
    void aReportsTokenEnablesTheStatementEndpointAndIsNeverEchoed() {
        assertThat(PoolConfig.fromEnv(Map.of()).reportsToken()).isEmpty();
        PoolConfig config = PoolConfig.fromEnv(Map.of("REPORTS_TOKEN", " 0123456789abcdef0123 "));
        assertThat(config.reportsToken()).contains("0123456789abcdef0123");
        assertThat(config.withSlack("s", "xoxb-1", "http://127.0.0.1:1/api/", "C0POOLADMINS").reportsToken())
                .contains("0123456789abcdef0123");
        assertThat(config.toString()).doesNotContain("0123456789abcdef0123");
        assertThatThrownBy(() -> PoolConfig.fromEnv(Map.of("REPORTS_TOKEN", "short-secret")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("REPORTS_TOKEN")
                .satisfies(error -> assertThat(error.getMessage()).doesNotContain("short-secret"));
    }
}
