package org.talentpool.availability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@code /available} needs from the Slack app manifests. */
class AvailabilityManifestTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @ParameterizedTest
    @ValueSource(strings = {"manifest-http.yaml", "manifest-socket-mode.yaml"})
    void mentionsInAvailableArriveAsUserIds(String file) throws Exception {
        JsonNode available = null;
        for (JsonNode command : manifest(file).at("/features/slash_commands")) {
            if (command.path("command").asText().equals("/available")) {
                available = command;
            }
        }
        assertThat(available).isNotNull();
        // `/available revoke @person` needs <@U…> rather than the typed name.
        assertThat(available.path("should_escape").asBoolean()).isTrue();
        assertThat(available.path("usage_hint").asText()).contains("revoke @person");
    }

    @Test
    void theSkillTypeAheadIsServedOverHttp() throws Exception {
        assertThat(manifest("manifest-http.yaml").at("/settings/interactivity/message_menu_options_url").asText())
                .endsWith("/slack/events");
    }

    private static JsonNode manifest(String file) throws Exception {
        return YAML.readTree(Path.of("manifest", file).toFile());
    }
}
