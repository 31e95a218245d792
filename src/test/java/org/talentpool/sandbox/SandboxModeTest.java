package org.talentpool.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.talentpool.TalentPool;
import org.talentpool.config.PoolConfig;
import org.talentpool.testing.ServiceHarness;
import org.talentpool.testing.SlackClient;
import org.talentpool.testing.TestDatabase;

/**
 * The whole service started with no Slack settings, as {@code ./scripts/run} does: the sandbox stands in for
 * Slack, demo data is loaded, and the page drives the real bot over signed requests. Once per database kind.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("org.talentpool.testing.TestDatabase#kinds")
class SandboxModeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestDatabase database;
    private static TalentPool pool;

    @Parameter
    TestDatabase.Kind kind;

    @BeforeParameterizedClassInvocation
    static void start(TestDatabase.Kind kind) throws Exception {
        database = TestDatabase.create(kind);
        pool = TalentPool.start(PoolConfig.fromEnv(Map.of("DATABASE_URL", database.url(), "PORT", "0")),
                Clock.systemUTC());
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        pool.close();
        database.close();
    }

    private static String base() {
        return "http://localhost:" + pool.port();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, ObjectNode body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode state(String userId) throws Exception {
        return JSON.readTree(get("/sandbox/api/state?user=" + userId).body());
    }

    private static HttpResponse<String> command(String userId, String channel, String text) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("user", userId).put("text", text);
        if (channel != null) {
            body.put("channel", channel);
        }
        return post("/sandbox/api/command", body);
    }

    private static String allText(JsonNode node) {
        StringBuilder text = new StringBuilder();
        SlackClient.collectText(node, text);
        return text.toString();
    }

    private static String homeText(String userId) throws Exception {
        post("/sandbox/api/home", JSON.createObjectNode().put("user", userId));
        await().atMost(Duration.ofSeconds(20)).until(() -> !state(userId).path("home").isNull());
        return allText(state(userId).path("home"));
    }

    @Test
    void thePageAndTheDemoPeopleAreThere() throws Exception {
        HttpResponse<String> page = get("/sandbox");
        JsonNode people = JSON.readTree(get("/sandbox/api/people").body());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString().contains("script-src 'self'");
        assertThat(people.path("demoDataLoaded").asBoolean()).isTrue();
        assertThat(people.path("people").size()).isBetween(18, 26);
        assertThat(people.path("people").findValuesAsText("kind"))
                .contains("specialist", "requester", "line_manager", "admin", "outsider");
        assertThat(people.path("people").findValuesAsText("name"))
                .contains("Leeds City Council", "City of York Council", "Bristol City Council");
        JsonNode admin = StreamSupport.stream(people.path("people").spliterator(), false)
                .filter(person -> person.path("kind").asText().equals("admin")).findFirst().orElseThrow();
        assertThat(admin.path("admin").asBoolean()).isTrue();
    }

    @Test
    void poolTypedOnThePageIsAnsweredByTheRealBotOverASignedRequest() throws Exception {
        HttpResponse<String> sent = command("UYOR05", null, "/pool");

        assertThat(sent.statusCode()).isEqualTo(200);
        JsonNode messages = state("UYOR05").path("conversations").get(0).path("messages");
        JsonNode reply = messages.get(messages.size() - 1);
        assertThat(reply.path("author").asText()).isEqualTo("bot");
        assertThat(reply.path("ephemeral").asBoolean()).isTrue();
        assertThat(allText(reply.path("blocks"))).contains("Talent Pool").contains("`/pool`");
        assertThat(get("/metrics").body())
                .contains("slack_requests_seconds_count{kind=\"command\",name=\"/pool\",outcome=\"ok\"}");
    }

    @Test
    void slackEventsStillRefuseAnythingUnsigned() throws Exception {
        HttpResponse<String> unsigned = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/slack/events"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("command=%2Fpool&user_id=UYOR05&text=")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(unsigned.statusCode()).isEqualTo(401);
    }

    @Test
    void theAppHomeWelcomesAMemberWithTheirCouncil() throws Exception {
        String home = homeText("ULDS02");

        assertThat(home).contains("Welcome, Leeds GIS Analyst").contains("Leeds City Council").contains("Approved")
                .contains("/pool").doesNotContain("Community admin");
    }

    @Test
    void theDemoSpecialistsAreFoundAtOnceAndTheDemoBookingIsThere() throws Exception {
        assertThat(command("UYOR05", null, "/find-expert qgis").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> allText(state("UYOR05").path("conversations").get(0))
                .contains("Specialists for qgis"));
        String results = allText(state("UYOR05").path("conversations").get(0));
        assertThat(results).contains("<@ULDS02>").contains("Leeds City Council").contains("booking-book")
                .contains("ULDS02|");

        command("UYOR05", null, "/pool bookings");
        await().atMost(Duration.ofSeconds(20)).until(() -> allText(state("UYOR05").path("conversations").get(0))
                .contains("Bookings you made"));
        assertThat(allText(state("UYOR05").path("conversations").get(0))).contains("<@UBST03>")
                .contains("✅ confirmed").contains("carbon baseline");
        assertThat(homeText("UBST03")).contains("Your hours").contains("1 h booked").contains("Bookings of your time");
    }

    @Test
    void someoneFromACouncilOutsideThePoolMeetsTheGate() throws Exception {
        assertThat(homeText("USHF01")).contains("Your council (sheffield.gov.uk) isn't in the pool yet.")
                .doesNotContain("Welcome");
    }

    @Test
    void theAdminHasTheAdminPanelTheAdminChannelAndTheAdminCommands() throws Exception {
        assertThat(homeText("UBST01")).contains("Community admin").contains("Councils asking to join");
        JsonNode conversations = state("UBST01").path("conversations");
        assertThat(conversations.findValuesAsText("name")).contains("#pool-admins");

        command("UBST01", Sandbox.DEFAULT_ADMIN_CHANNEL, "/pool-admin");
        command("UYOR05", null, "/pool-admin");

        assertThat(allText(state("UBST01").path("conversations").get(1))).contains("Admin commands");
        assertThat(allText(state("UYOR05").path("conversations").get(0))).contains("Only community admins");
        assertThat(state("UYOR05").path("conversations").findValuesAsText("name")).doesNotContain("#pool-admins");
    }

    @Test
    void aPersonCannotTypeIntoAConversationTheyAreNotIn() throws Exception {
        assertThat(command("UYOR05", Sandbox.DEFAULT_ADMIN_CHANNEL, "/pool").statusCode()).isEqualTo(400);
    }

    @Test
    void theSandboxListensOnThisMachineOnly() throws Exception {
        Optional<InetAddress> outward = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(network -> Collections.list(network.getInetAddresses()).stream())
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .findFirst();
        org.junit.jupiter.api.Assumptions.assumeTrue(outward.isPresent(), "this machine has no non-loopback address");

        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(outward.get(), pool.port()), 2_000);
            throw new AssertionError("The sandbox answered on " + outward.get());
        } catch (ConnectException refused) {
            assertThat(refused).isNotNull();
        } catch (IOException other) {
            assertThat(other.getMessage()).isNotBlank();
        }
    }

    @Test
    void theDemoDataIsNotLoadedTwiceAcrossRestarts() throws Exception {
        try (TalentPool again = TalentPool.start(PoolConfig.fromEnv(Map.of("DATABASE_URL", database.url(),
                "PORT", "0")), Clock.systemUTC())) {
            assertThat(again.port()).isPositive();
        }
        long councils = pool.database().jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM council")
                .mapTo(Long.class).one());
        assertThat(councils).isEqualTo(3);
    }

    @Test
    void withSlackCredentialsThereIsNoSandbox() throws Exception {
        try (ServiceHarness connected = ServiceHarness.start(TestDatabase.Kind.H2)) {
            assertThat(connected.get("/sandbox").status()).isEqualTo(404);
            assertThat(connected.get("/sandbox/api/people").status()).isEqualTo(404);
            long demoPeople = connected.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT COUNT(*) FROM demo_person").mapTo(Long.class).one());
            assertThat(demoPeople).isZero();
        }
    }
}
