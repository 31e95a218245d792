package org.talentpool.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.talentpool.TalentPool;
import org.talentpool.config.PoolConfig;
import org.talentpool.testing.TestDatabase;

/**
 * The statement and export files in the local sandbox (the whole service with no Slack settings): the bot's upload
 * goes through the sandbox's stand-in for Slack's file methods and shows in the person's DM, downloadable. H2 only:
 * what is tested is the upload, not the database.
 */
class SandboxFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestDatabase database;
    private static TalentPool pool;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.create(TestDatabase.Kind.H2);
        pool = TalentPool.start(PoolConfig.fromEnv(Map.of("DATABASE_URL", database.url(), "PORT", "0")),
                Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        pool.close();
        database.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + pool.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void command(String userId, String text) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("user", userId).put("text", text);
        HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + pool.port() + "/sandbox/api/command"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String person(String kind) throws Exception {
        JsonNode people = JSON.readTree(get("/sandbox/api/people").body()).path("people");
        return StreamSupport.stream(people.spliterator(), false)
                .filter(person -> person.path("kind").asText().equals(kind)).findFirst().orElseThrow()
                .path("id").asText();
    }

    /** The first file shared in the person's DM whose name starts with {@code prefix}, once it is there. */
    private static JsonNode fileInDm(String userId, String prefix) throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> dmFile(userId, prefix).isPresent());
        return dmFile(userId, prefix).orElseThrow();
    }

    private static Optional<JsonNode> dmFile(String userId, String prefix) throws Exception {
        JsonNode state = JSON.readTree(get("/sandbox/api/state?user=" + userId).body());
        for (JsonNode conversation : state.path("conversations")) {
            if (!conversation.path("kind").asText().equals("dm")) {
                continue;
            }
            for (JsonNode message : conversation.path("messages")) {
                for (JsonNode file : message.path("files")) {
                    if (file.path("name").asText().startsWith(prefix)) {
                        return Optional.of(file);
                    }
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void anAdminsStatementAndAMembersExportArriveAsFilesInTheirDm() throws Exception {
        String admin = person("admin");
        String month = YearMonth.now(ZoneId.of("Europe/London")).toString();
        command(admin, "/pool-admin statement " + month);

        JsonNode statement = fileInDm(admin, "talent-pool-statement-" + month);
        assertThat(statement.path("mimetype").asText()).isEqualTo("text/csv");
        assertThat(get(statement.path("url_private").asText()).body())
                .startsWith(String.join(",", StatementCsv.HEADER));

        String specialist = person("specialist");
        command(specialist, "/pool export");
        JsonNode export = fileInDm(specialist, "talent-pool-data-" + specialist);
        JsonNode data = JSON.readTree(get(export.path("url_private").asText()).body());
        assertThat(data.path("user_id").asText()).isEqualTo(specialist);
        assertThat(data.has("hours_delivered")).isTrue();
    }
}
