package org.talentpool.home;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talentpool.council.AdminDirectory;
import org.talentpool.council.CouncilDao;
import org.talentpool.council.Membership;
import org.talentpool.council.SlackDirectory;
import org.talentpool.slack.CommandRegistry;
import org.talentpool.slack.Outbox;
import org.talentpool.slack.OutboxDispatcher;
import org.talentpool.testing.DatabaseTest;
import org.talentpool.testing.MutableClock;
import org.talentpool.testing.SlackClient;

/** App Home refresh requests and their publishing through the outbox, on real databases. */
class HomePublisherTest extends DatabaseTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MEMBER = "U0MEMBER";
    private static final String ADMIN = "U0ADMIN";

    private final Map<String, SlackDirectory.Profile> profiles = new HashMap<>();
    private final Set<String> brokenProfiles = new java.util.HashSet<>();
    private final List<HomePublisher> publishers = new ArrayList<>();
    private MutableClock clock;
    private Outbox outbox;
    private AppHome home;
    private Membership membership;

    @BeforeEach
    void setUp() {
        database.jdbi().useHandle(handle -> {
            for (String table : List.of("home_refresh", "outbox", "member", "pool_admin", "council_domain", "council")) {
                handle.execute("DELETE FROM " + table);
            }
        });
        clock = new MutableClock(Instant.parse("2026-11-30T09:00:00Z"));
        outbox = new Outbox(clock);
        database.jdbi().useExtension(CouncilDao.class, dao -> {
            long leeds = dao.insertCouncil("LDS", "Leeds City Council", "Leeds", "England", "Metropolitan district",
                    "approved", OffsetDateTime.now(clock));
            dao.insertDomain("leeds.gov.uk", leeds);
            dao.insertCouncil("ZZZ", "Pending Borough Council", "Pending", "England", "District", "pending",
                    OffsetDateTime.now(clock));
        });
        profile(MEMBER, "Planner & <GIS>", "planner@leeds.gov.uk");
        profile(ADMIN, "Admin", "admin@leeds.gov.uk");
        SlackDirectory directory = userId -> {
            if (brokenProfiles.contains(userId)) {
                throw new IllegalStateException("profile lookup broke");
            }
            return Optional.ofNullable(profiles.get(userId));
        };
        membership = new Membership(database.jdbi(), directory, clock);
        CommandRegistry commands = new CommandRegistry().describe("/available 4", "offer 4 hours a week");
        home = new AppHome(membership, new AdminDirectory(database.jdbi(), Set.of(ADMIN)),
                new HomeRefresher(database.jdbi(), clock), clock, ZoneId.of("Europe/London"),
                new WelcomeSection(commands),
                new AdminPanelSection(database.jdbi(), () -> new OutboxDispatcher.Counts(3, 1, 9), () -> true));
    }

    @AfterEach
    void stopPublishers() {
        publishers.forEach(HomePublisher::close);
    }

    private HomePublisher publisher() {
        HomePublisher publisher = new HomePublisher(database.jdbi(), home, outbox, clock, "publisher-" + publishers.size());
        publishers.add(publisher);
        return publisher;
    }

    private void profile(String userId, String name, String email) {
        profiles.put(userId, new SlackDirectory.Profile(userId, name, Optional.of(email), false, false));
    }

    private record Published(String dedupKey, String userId, JsonNode view) {
        String text() {
            StringBuilder text = new StringBuilder();
            SlackClient.collectText(view, text);
            return text.toString();
        }
    }

    private List<Published> published() {
        return database.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT dedup_key, params FROM outbox WHERE method = 'views.publish' ORDER BY id")
                .map((rs, ctx) -> {
                    try {
                        JsonNode params = JSON.readTree(rs.getString("params"));
                        return new Published(rs.getString("dedup_key"), params.path("user_id").asText(),
                                JSON.readTree(params.path("view").asText()));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .list());
    }

    private int pendingRequests() {
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM home_refresh")
                .mapTo(Integer.class).one());
    }

    @Test
    void aRefreshRequestedInATransactionIsPublishedThroughTheOutbox() {
        database.jdbi().useTransaction(handle -> home.refresher().refresh(handle, MEMBER));

        int published = publisher().publishDue();

        assertThat(published).isEqualTo(1);
        assertThat(pendingRequests()).isZero();
        Published view = published().get(0);
        assertThat(view.userId()).isEqualTo(MEMBER);
        assertThat(view.view().path("type").asText()).isEqualTo("home");
        assertThat(view.text()).contains("Welcome, Planner &amp; &lt;GIS&gt;.").contains("Leeds City Council")
                .contains("Approved").contains("/available 4").doesNotContain("Community admin");
    }

    @Test
    void aMemberErasedWhileTheirHomeIsBuiltGetsNoHome() {
        database.jdbi().useTransaction(handle -> home.refresher().refresh(handle, MEMBER));
        // forget-me deletes the member's refresh requests while the publisher is building their home
        home.addSection(viewer -> {
            database.jdbi().useHandle(handle -> handle.execute("DELETE FROM home_refresh WHERE user_id = ?",
                    viewer.userId()));
            return List.of();
        });

        assertThat(publisher().publishDue()).isZero();
        assertThat(published()).isEmpty();
    }

    @Test
    void aRolledBackChangeAsksForNothing() {
        try {
            database.jdbi().useTransaction(handle -> {
                home.refresher().refresh(handle, MEMBER);
                throw new IllegalStateException("the change failed");
            });
        } catch (IllegalStateException expected) {
            // the change and its refresh request are gone together
        }

        assertThat(publisher().publishDue()).isZero();
        assertThat(published()).isEmpty();
    }

    @Test
    void manyRequestsForOneMemberMakeOnePublish() {
        database.jdbi().useTransaction(handle -> home.refresher().refresh(handle, List.of(MEMBER, MEMBER, ADMIN)));
        home.refresher().refresh(MEMBER);

        assertThat(publisher().publishDue()).isEqualTo(2);
        assertThat(published()).extracting(Published::userId).containsExactly(MEMBER, ADMIN);

        home.refresher().refresh(MEMBER);
        assertThat(publisher().publishDue()).isEqualTo(1);
        assertThat(published()).extracting(Published::dedupKey).doesNotHaveDuplicates().hasSize(3);
    }

    @Test
    void featureSectionsComeBetweenTheWelcomeAndTheAdminPanel() {
        home.addSection(viewer -> List.of(section(s -> s.text(markdownText("FIRST FEATURE for " + viewer.userId())))));
        home.addSection(viewer -> viewer.allowed()
                ? List.of(section(s -> s.text(markdownText("SECOND FEATURE")))) : List.of());
        home.refresher().refresh(ADMIN);

        publisher().publishDue();

        String text = published().get(0).text();
        assertThat(text).contains("Community admin").contains("Councils asking to join*\n1")
                .contains("Slack messages queued*\n3").contains("Slack messages failed*\n1").contains("running");
        assertThat(text.indexOf("Welcome")).isLessThan(text.indexOf("FIRST FEATURE for U0ADMIN"));
        assertThat(text.indexOf("FIRST FEATURE")).isLessThan(text.indexOf("SECOND FEATURE"));
        assertThat(text.indexOf("SECOND FEATURE")).isLessThan(text.indexOf("Community admin"));
        assertThat(published().get(0).view().path("blocks").findValuesAsText("type")).contains("divider");
    }

    @Test
    void aFailingSectionIsReplacedByANoteAndTheRestStillShows() {
        home.addSection(viewer -> {
            throw new IllegalStateException("broken feature");
        });
        home.addSection(viewer -> List.of(section(s -> s.text(markdownText("WORKING FEATURE")))));
        home.refresher().refresh(MEMBER);

        publisher().publishDue();

        assertThat(published().get(0).text()).contains("couldn't be loaded just now").contains("WORKING FEATURE")
                .doesNotContain("broken feature");
    }

    @Test
    void whoMayNotUseThePoolIsToldWhyOnTheirHome() {
        profile("U0OUTSIDER", "Outsider", "someone@sheffield.gov.uk");
        profiles.put("U0NOEMAIL", new SlackDirectory.Profile("U0NOEMAIL", "No email", Optional.empty(), false, false));
        home.refresher().refresh("U0OUTSIDER");
        home.refresher().refresh("U0NOEMAIL");

        publisher().publishDue();

        assertThat(published().get(0).text()).contains("Your council (sheffield.gov.uk) isn't in the pool yet.")
                .doesNotContain("Welcome");
        assertThat(published().get(1).text()).contains("I can't see a work email");
    }

    @Test
    void aHomeTooLongForSlackIsCut() {
        home.addSection(viewer -> java.util.stream.IntStream.range(0, 150)
                .mapToObj(i -> (com.slack.api.model.block.LayoutBlock) section(s -> s.text(markdownText("row " + i))))
                .toList());
        home.refresher().refresh(MEMBER);

        publisher().publishDue();

        JsonNode blocks = published().get(0).view().path("blocks");
        assertThat(blocks.size()).isLessThanOrEqualTo(AppHome.MAX_BLOCKS);
        assertThat(published().get(0).text()).contains("There is more than fits here");
    }

    @Test
    void requestsClaimedByAPublisherThatDiedArePublishedWhenTheLeaseRunsOut() {
        home.refresher().refresh(MEMBER);
        database.jdbi().useHandle(handle -> handle.execute("UPDATE home_refresh SET claimed_by = 'gone',"
                + " claimed_until = ?", OffsetDateTime.now(clock).plus(HomePublisher.LEASE)));

        assertThat(publisher().publishDue()).isZero();

        clock.advance(HomePublisher.LEASE.plusSeconds(1));
        assertThat(publisher().publishDue()).isEqualTo(1);
        assertThat(pendingRequests()).isZero();
    }

    @Test
    void aHomeThatCannotBeBuiltWaitsWithoutHoldingUpTheOthers() {
        brokenProfiles.add(ADMIN);
        home.refresher().refresh(ADMIN);
        home.refresher().refresh(MEMBER);

        assertThat(publisher().publishDue()).isEqualTo(1);
        assertThat(published()).extracting(Published::userId).containsExactly(MEMBER);
        assertThat(pendingRequests()).isEqualTo(1);

        brokenProfiles.clear();
        clock.advance(HomePublisher.LEASE.plusSeconds(1));
        assertThat(publisher().publishDue()).isEqualTo(1);
        assertThat(published()).extracting(Published::userId).containsExactly(MEMBER, ADMIN);
    }

    @Test
    void aCommittedRequestWakesARunningPublisher() {
        publisher().start(Duration.ofHours(1));

        home.refresher().refresh(MEMBER);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(published()).hasSize(1));
    }

    @Test
    void aMembersRequestsABatchApartArePublishedAsOneHome() {
        // the member asked, then a batch of others, then the member again: one claim takes both of theirs
        List<String> others = java.util.stream.IntStream.range(0, HomePublisher.BATCH).mapToObj(i -> "U0OTHER" + i)
                .toList();
        others.forEach(user -> profile(user, user, user.toLowerCase() + "@leeds.gov.uk"));
        others.forEach(membership::check);
        database.jdbi().useTransaction(handle -> home.refresher().refresh(handle, MEMBER));
        database.jdbi().useTransaction(handle -> home.refresher().refresh(handle, others));
        database.jdbi().useTransaction(handle -> home.refresher().refresh(handle, MEMBER));

        int published = publisher().publishDue();

        assertThat(pendingRequests()).isZero();
        assertThat(published()).extracting(Published::userId).filteredOn(MEMBER::equals).hasSize(1);
        assertThat(published).isEqualTo(HomePublisher.BATCH + 1).isEqualTo(published().size());
    }

    @Test
    void publishersSideBySideLoseNothing() throws Exception {
        List<String> users = java.util.stream.IntStream.range(0, 20).mapToObj(i -> "U0PERSON" + i).toList();
        users.forEach(user -> profile(user, user, user.toLowerCase() + "@leeds.gov.uk"));
        users.forEach(membership::check); // members known already, as after their first command
        for (int round = 0; round < 5; round++) {
            database.jdbi().useTransaction(handle -> home.refresher().refresh(handle, users));
        }
        HomePublisher first = publisher();
        HomePublisher second = publisher();

        CompletableFuture<Integer> one = CompletableFuture.supplyAsync(first::publishDue);
        CompletableFuture<Integer> two = CompletableFuture.supplyAsync(second::publishDue);
        int total = one.get() + two.get();

        assertThat(pendingRequests()).isZero();
        assertThat(published()).extracting(Published::userId).containsAll(users);
        assertThat(total).isEqualTo(published().size()).isBetween(20, 40);
    }
}
