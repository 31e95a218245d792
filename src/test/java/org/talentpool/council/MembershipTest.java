package org.talentpool.council;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talentpool.testing.DatabaseTest;
import org.talentpool.testing.MutableClock;

/** Membership by verified email domain, on a real database, with Slack's directory stubbed. */
class MembershipTest extends DatabaseTest {
    private final Map<String, SlackDirectory.Profile> profiles = new HashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private MutableClock clock;
    private Membership membership;
    private long leeds;

    @BeforeEach
    void setUp() {
        database.jdbi().useHandle(handle -> {
            handle.execute("DELETE FROM member");
            handle.execute("DELETE FROM council_domain");
            handle.execute("DELETE FROM council");
        });
        clock = new MutableClock(Instant.parse("2026-11-30T09:00:00Z"));
        SlackDirectory directory = userId -> {
            lookups.incrementAndGet();
            return Optional.ofNullable(profiles.get(userId));
        };
        membership = new Membership(database.jdbi(), directory, clock);
        leeds = database.jdbi().withExtension(CouncilDao.class, dao -> {
            long id = dao.insertCouncil("LDS", "Leeds City Council", "Leeds", "England", "Metropolitan district",
                    "approved", OffsetDateTime.now(clock));
            dao.insertDomain("leeds.gov.uk", id);
            long york = dao.insertCouncil("YOR", "City of York Council", "York", "England", "Unitary authority",
                    "known", OffsetDateTime.now(clock));
            dao.insertDomain("york.gov.uk", york);
            return id;
        });
    }

    private void profile(String userId, String email) {
        profiles.put(userId, new SlackDirectory.Profile(userId, "Name " + userId, Optional.ofNullable(email), false,
                false));
    }

    @Test
    void approvedCouncilByEmailDomain() {
        profile("U1", "jo@leeds.gov.uk");

        Access access = membership.check("U1");

        assertThat(access).isInstanceOf(Access.Allowed.class);
        Member member = ((Access.Allowed) access).member();
        assertThat(member.council().id()).isEqualTo(leeds);
        assertThat(member.displayName()).isEqualTo("Name U1");
    }

    @Test
    void subdomainsAndCaseResolveToTheRegisteredDomain() {
        profile("U1", "Jo.Bloggs@Planning.Leeds.GOV.UK");

        assertThat(membership.check("U1")).isInstanceOf(Access.Allowed.class);
    }

    @Test
    void aLookalikeDomainIsNotTheCouncil() {
        profile("U1", "jo@notleeds.gov.uk");

        assertThat(membership.check("U1")).isInstanceOf(Access.UnknownDomain.class);
    }

    @Test
    void knownButUnapprovedCouncil() {
        profile("U1", "sam@york.gov.uk");

        Access access = membership.check("U1");

        assertThat(access).isInstanceOf(Access.CouncilNotApproved.class);
        assertThat(((Access.CouncilNotApproved) access).member().council().name()).isEqualTo("City of York Council");
    }

    @Test
    void noEmailOnTheProfile() {
        profile("U1", null);

        assertThat(membership.check("U1")).isInstanceOf(Access.NoEmail.class);
    }

    @Test
    void slackDownIsNotAnAnswer() {
        Membership failing = new Membership(database.jdbi(), userId -> {
            throw new SlackDirectory.Unavailable("timeout", null);
        }, clock);

        assertThat(failing.check("U1")).isInstanceOf(Access.Unavailable.class);
    }

    @Test
    void manyFirstLookupsOfOneMemberAtOnceAllSucceed() throws Exception {
        profile("U1", "jo@leeds.gov.uk");
        int lookups = 8;
        // Every lookup waits for the others inside users.info, so all of them save the new member at once.
        var together = new java.util.concurrent.CyclicBarrier(lookups);
        Membership racing = new Membership(database.jdbi(), userId -> {
            try {
                together.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new SlackDirectory.Unavailable("barrier", e);
            }
            return Optional.ofNullable(profiles.get(userId));
        }, clock);
        var threads = java.util.concurrent.Executors.newFixedThreadPool(lookups);
        try {
            var answers = new java.util.ArrayList<java.util.concurrent.Future<Access>>();
            for (int i = 0; i < lookups; i++) {
                answers.add(threads.submit(() -> racing.check("U1")));
            }
            for (var answer : answers) {
                assertThat(answer.get(30, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOf(Access.Allowed.class);
            }
        } finally {
            threads.shutdownNow();
        }
        int rows = database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT COUNT(*) FROM member WHERE user_id = 'U1'").mapTo(Integer.class).one());
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void profilesAreCachedForAnHour() {
        profile("U1", "jo@leeds.gov.uk");

        membership.check("U1");
        membership.check("U1");
        assertThat(lookups).hasValue(1);

        clock.advance(Membership.PROFILE_TTL.plus(Duration.ofSeconds(1)));
        profile("U1", "jo@york.gov.uk");
        assertThat(membership.check("U1")).isInstanceOf(Access.CouncilNotApproved.class);
        assertThat(lookups).hasValue(2);
    }

    @Test
    void aMemberWhoseCouncilChangesIsToldOnceInTheTransactionThatRecordsIt() {
        List<String> told = new ArrayList<>();
        Membership watched = new Membership(database.jdbi(), userId -> Optional.ofNullable(profiles.get(userId)),
                clock, (handle, userId) -> told.add(userId + " " + handle.createQuery(
                        "SELECT council_id FROM member WHERE user_id = :user").bind("user", userId)
                        .mapTo(Long.class).findOne().orElse(null)));
        profile("U1", "jo@leeds.gov.uk");
        watched.check("U1");
        clock.advance(Membership.PROFILE_TTL.plus(Duration.ofSeconds(1)));
        watched.check("U1");
        assertThat(told).isEmpty();

        clock.advance(Membership.PROFILE_TTL.plus(Duration.ofSeconds(1)));
        profile("U1", "jo@york.gov.uk");
        watched.check("U1");
        watched.check("U1");

        long york = database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT council_id FROM council_domain WHERE domain = 'york.gov.uk'").mapTo(Long.class).one());
        assertThat(told).containsExactly("U1 " + york);
    }

    @Test
    void aDomainRegisteredLaterIsPickedUpWithoutWaitingForTheCache() {
        profile("U1", "kim@bradford.gov.uk");
        assertThat(membership.check("U1")).isInstanceOf(Access.UnknownDomain.class);

        database.jdbi().useExtension(CouncilDao.class, dao -> {
            long id = dao.insertCouncil("BRD", "City of Bradford Metropolitan District Council", "Bradford",
                    "England", "Metropolitan district", "approved", OffsetDateTime.now(clock));
            dao.insertDomain("bradford.gov.uk", id);
        });

        assertThat(membership.check("U1")).isInstanceOf(Access.Allowed.class);
        assertThat(lookups).hasValue(1);
    }
}
