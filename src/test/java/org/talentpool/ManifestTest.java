package org.talentpool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Slack app manifests create an app matching what the service serves. */
class ManifestTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(field == null ? node.asText() : node.path(field).asText()));
        return values;
    }

    @ParameterizedTest
    @ValueSource(strings = {"manifest-http.yaml", "manifest-socket-mode.yaml"})
    void declaresCommandsScopesHomeAndInteractivity(String file) throws Exception {
        JsonNode manifest = YAML.readTree(Path.of("manifest", file).toFile());

        assertThat(texts(manifest.at("/features/slash_commands"), "command"))
                .containsExactlyInAnyOrder("/available", "/find-expert", "/pool", "/pool-admin");
        assertThat(texts(manifest.at("/oauth_config/scopes/bot"), null)).containsExactlyInAnyOrder(
                "commands", "chat:write", "im:write", "users:read", "users:read.email", "files:write",
                // the outbox reads history to tell whether a message it lost track of reached Slack
                "im:history", "channels:history", "groups:history");
        assertThat(manifest.at("/features/app_home/home_tab_enabled").asBoolean()).isTrue();
        assertThat(texts(manifest.at("/settings/event_subscriptions/bot_events"), null)).contains("app_home_opened");
        assertThat(manifest.at("/settings/interactivity/is_enabled").asBoolean()).isTrue();
        boolean socketMode = file.contains("socket");
        assertThat(manifest.at("/settings/socket_mode_enabled").asBoolean()).isEqualTo(socketMode);
        if (!socketMode) {
            assertThat(manifest.at("/settings/interactivity/request_url").asText()).endsWith("/slack/events");
            assertThat(manifest.at("/settings/event_subscriptions/request_url").asText()).endsWith("/slack/events");
            manifest.at("/features/slash_commands").forEach(command ->
                    assertThat(command.path("url").asText()).endsWith("/slack/events"));
        }
    }
}
