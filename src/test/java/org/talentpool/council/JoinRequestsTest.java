package org.talentpool.council;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talentpool.testing.DatabaseTest;

/** Asking to join and deciding requests, on both databases. */
class JoinRequestsTest extends DatabaseTest {
    private CouncilFixture fixture;
    private JoinRequests joinRequests;

    @BeforeEach
    void setUp() {
        CouncilTables.empty(database.jdbi());
        fixture = CouncilFixture.standard(database.jdbi());
        joinRequests = fixture.module.joinRequests;
    }

    private long onlyRequestId() {
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT id FROM join_request")
                .mapTo(Long.class).one());
    }

    @Test
    void anUnknownDomainAsksOnceAndTheRequestGoesToTheAdminChannel() {
        fixture.profile("UKIM", "kim@newtown.gov.uk").profile("UJO", "jo@planning.newtown.gov.uk");

        Outcome asked = joinRequests.ask(fixture.access("UKIM"));
        Outcome again = joinRequests.ask(fixture.access("UKIM"));

        assertThat(asked.changed()).isTrue();
        assertThat(asked.text()).contains("I've asked the community admins").contains("newtown.gov.uk");
        assertThat(again.changed()).isFalse();
        assertThat(again.text()).contains("You asked on 30 Nov 2026 already");
        long id = onlyRequestId();
        assertThat(fixture.outbox()).containsOnlyKeys("join-request-" + id + "-posted-CADMINS01");
        assertThat(fixture.outbox().values().iterator().next()).contains("\"channel\":\"CADMINS01\"")
                .contains(CouncilNotices.APPROVE_ACTION).contains(CouncilNotices.REJECT_ACTION)
                .contains("<@UKIM>").contains("not in the register");
        assertThat(fixture.auditActions("join_request.create")).hasSize(1);
    }

    @Test
    void aColleagueAskingJoinsTheOpenRequest() {
        long york = fixture.council("YOR", "City of York Council", "york.gov.uk", Council.Status.KNOWN);
        fixture.profile("USAM", "sam@york.gov.uk").profile("UJO", "jo@york.gov.uk");

        joinRequests.ask(fixture.access("USAM"));
        Outcome colleague = joinRequests.ask(fixture.access("UJO"));

        assertThat(colleague.changed()).isTrue();
        assertThat(colleague.text()).contains("has asked to join already");
        assertThat(fixture.outbox()).hasSize(1);
        List<String> askers = database.jdbi().withExtension(JoinRequestDao.class, dao -> dao.members(onlyRequestId()));
        assertThat(askers).containsExactlyInAnyOrder("USAM", "UJO");
        assertThat(fixture.find(york).status()).isEqualTo(Council.Status.PENDING);
        assertThat(fixture.auditActions("council.pending")).singleElement()
                .satisfies(entry -> assertThat(entry.beforeState()).contains("known"));
    }

    @Test
    void withoutAnAdminChannelEachAdminGetsADm() {
        fixture = new CouncilFixture(database.jdbi(), Optional.empty(), Set.of("UADMIN01", "UADMIN02"), List.of());
        database.jdbi().useExtension(CouncilDao.class, dao -> dao.addAdmin("UADMIN03", "UADMIN01",
                java.time.OffsetDateTime.now(fixture.clock)));
        fixture.profile("UKIM", "kim@newtown.gov.uk");

        fixture.module.joinRequests.ask(fixture.access("UKIM"));

        long id = onlyRequestId();
        assertThat(fixture.outbox()).containsOnlyKeys("join-request-" + id + "-posted-UADMIN01",
                "join-request-" + id + "-posted-UADMIN02", "join-request-" + id + "-posted-UADMIN03");
    }

    @Test
    void approvingAKnownCouncilAdmitsItTellsEveryoneWhoAskedAndUpdatesThePost() {
        long york = fixture.council("YOR", "City of York Council", "york.gov.uk", Council.Status.KNOWN);
        fixture.profile("USAM", "sam@york.gov.uk").profile("UJO", "jo@york.gov.uk");
        joinRequests.ask(fixture.access("USAM"));
        joinRequests.ask(fixture.access("UJO"));
        long id = onlyRequestId();
        fixture.markSent("join-request-" + id + "-posted-CADMINS01", "CADMINS01", "1700000000.000100");

        JoinRequests.Approval approval = joinRequests.approve(id, "UADMIN01",
                new JoinRequests.MessageRef("CADMINS01", "1700000000.000100"));

        assertThat(approval).isInstanceOf(JoinRequests.Approval.Answered.class);
        assertThat(((JoinRequests.Approval.Answered) approval).outcome().changed()).isTrue();
        assertThat(fixture.find(york).status()).isEqualTo(Council.Status.APPROVED);
        assertThat(fixture.access("USAM")).isInstanceOf(Access.Allowed.class);
        assertThat(fixture.outbox()).containsKeys("join-request-" + id + "-approved-dm-USAM",
                "join-request-" + id + "-approved-dm-UJO",
                "join-request-" + id + "-decided-CADMINS01-1700000000.000100");
        assertThat(fixture.outbox()).hasSize(4);
        assertThat(fixture.outbox().get("join-request-" + id + "-decided-CADMINS01-1700000000.000100"))
                .contains("Approved").contains("<@UADMIN01>")
                .doesNotContain(CouncilNotices.APPROVE_ACTION);
        assertThat(fixture.auditActions("council.approve")).hasSize(1);
        assertThat(fixture.auditActions("join_request.approve")).hasSize(1);
    }

    @Test
    void theSecondClickChangesNothing() {
        fixture.council("YOR", "City of York Council", "york.gov.uk", Council.Status.KNOWN);
        fixture.profile("USAM", "sam@york.gov.uk");
        joinRequests.ask(fixture.access("USAM"));
        long id = onlyRequestId();
        joinRequests.approve(id, "UADMIN01", null);
        int messages = fixture.outbox().size();

        JoinRequests.Approval second = joinRequests.approve(id, "UADMIN02", null);
        Outcome rejectAfter = joinRequests.reject(id, "UADMIN02", "changed my mind", null);

        assertThat(((JoinRequests.Approval.Answered) second).outcome())
                .isEqualTo(Outcome.unchanged("This request was already approved by <@UADMIN01> on 30 Nov 2026;"
                        + " nothing changed."));
        assertThat(rejectAfter.changed()).isFalse();
        assertThat(rejectAfter.text()).contains("already approved by <@UADMIN01>");
        assertThat(fixture.outbox()).hasSize(messages);
        assertThat(fixture.auditActions("council.approve")).hasSize(1);
        assertThat(fixture.auditActions("council.reject")).isEmpty();
    }

    @Test
    void twoAdminsClickingAtOnceDecideItOnce() throws Exception {
        fixture.council("YOR", "City of York Council", "york.gov.uk", Council.Status.KNOWN);
        fixture.profile("USAM", "sam@york.gov.uk");
        joinRequests.ask(fixture.access("USAM"));
        long id = onlyRequestId();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<JoinRequests.Approval>> clicks = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String admin = "UADMIN0" + i;
                Callable<JoinRequests.Approval> click = () -> {
                    start.await();
                    return joinRequests.approve(id, admin, null);
                };
                clicks.add(threads.submit(click));
            }
            start.countDown();
            int decided = 0;
            for (Future<JoinRequests.Approval> click : clicks) {
                try {
                    if (((JoinRequests.Approval.Answered) click.get()).outcome().changed()) {
                        decided++;
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    // a lost race may surface as a database conflict on some engines; it must change nothing
                }
            }
            assertThat(decided).isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
        assertThat(fixture.auditActions("join_request.approve")).hasSize(1);
        assertThat(fixture.auditActions("council.approve")).hasSize(1);
        assertThat(fixture.outbox().keySet()).filteredOn(key -> key.contains("-approved-dm-")).hasSize(1);
    }

    @Test
    void anUnknownDomainNeedsANameThenBecomesAnApprovedCouncil() {
        fixture.profile("UKIM", "kim@planning.newtown.gov.uk");
        joinRequests.ask(fixture.access("UKIM"));
        long id = onlyRequestId();

        assertThat(joinRequests.approve(id, "UADMIN01", null)).isInstanceOf(JoinRequests.Approval.NameNeeded.class);
        assertThatThrownBy(() -> joinRequests.approveNaming(id, "UADMIN01", "Newtown", "oldtown.gov.uk", null))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("planning.newtown.gov.uk");

        Outcome approved = joinRequests.approveNaming(id, "UADMIN01", "Newtown Borough Council", "newtown.gov.uk",
                null);

        assertThat(approved.changed()).isTrue();
        Council newtown = database.jdbi().withExtension(CouncilDao.class, dao -> dao.findByDomain("newtown.gov.uk"))
                .orElseThrow();
        assertThat(newtown.name()).isEqualTo("Newtown Borough Council");
        assertThat(newtown.status()).isEqualTo(Council.Status.APPROVED);
        assertThat(fixture.access("UKIM")).isInstanceOf(Access.Allowed.class);
        assertThat(fixture.outbox()).containsKey("join-request-" + id + "-approved-dm-UKIM");
        assertThat(fixture.auditActions("council.add")).hasSize(1);
    }

    @Test
    void namingACouncilOfTheRegisterGivesItTheDomain() {
        long bcp = fixture.council("BPC", "Bournemouth, Christchurch and Poole Council", null, Council.Status.KNOWN);
        fixture.profile("UKIM", "kim@bcpcouncil.gov.uk");
        joinRequests.ask(fixture.access("UKIM"));
        long id = onlyRequestId();

        joinRequests.approveNaming(id, "UADMIN01", "bournemouth, christchurch and poole council", "bcpcouncil.gov.uk",
                null);

        assertThat(fixture.find(bcp).status()).isEqualTo(Council.Status.APPROVED);
        assertThat(fixture.access("UKIM")).isInstanceOf(Access.Allowed.class);
        long councils = database.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM council")
                .mapTo(Long.class).one());
        assertThat(councils).isEqualTo(1);
    }

    @Test
    void rejectingTellsWhoAskedWhyAndAskingAgainIsRefused() {
        fixture.profile("UKIM", "kim@newtown.gov.uk");
        joinRequests.ask(fixture.access("UKIM"));
        long id = onlyRequestId();

        Outcome rejected = joinRequests.reject(id, "UADMIN01", "Not a <!channel> council", null);
        Outcome askAgain = joinRequests.ask(fixture.access("UKIM"));

        assertThat(rejected.changed()).isTrue();
        assertThat(fixture.outbox().get("join-request-" + id + "-rejected-dm-UKIM"))
                .contains("Not a &lt;!channel&gt; council").doesNotContain("<!channel>");
        assertThat(askAgain.changed()).isFalse();
        assertThat(askAgain.text()).contains("turned down").contains("Not a &lt;!channel&gt; council");
        long requests = database.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM join_request")
                .mapTo(Long.class).one());
        assertThat(requests).isEqualTo(1);
    }

    @Test
    void rejectingARegisteredCouncilsRequestRejectsTheCouncil() {
        long york = fixture.council("YOR", "City of York Council", "york.gov.uk", Council.Status.KNOWN);
        fixture.profile("USAM", "sam@york.gov.uk");
        joinRequests.ask(fixture.access("USAM"));

        joinRequests.reject(onlyRequestId(), "UADMIN01", "Ask your chief executive first", null);

        assertThat(fixture.find(york).status()).isEqualTo(Council.Status.REJECTED);
        assertThat(fixture.find(york).statusReason()).isEqualTo("Ask your chief executive first");
        assertThat(GateReplies.askLabel(fixture.access("USAM"))).isEmpty();
    }

    @Test
    void approvingByCommandAnswersTheOpenRequest() {
        fixture.council("YOR", "City of York Council", "york.gov.uk", Council.Status.KNOWN);
        fixture.profile("USAM", "sam@york.gov.uk");
        joinRequests.ask(fixture.access("USAM"));
        long id = onlyRequestId();

        fixture.module.councils.approve("UADMIN01", "york.gov.uk");

        assertThat(joinRequests.find(id).orElseThrow().status()).isEqualTo(JoinRequest.Status.APPROVED);
        assertThat(fixture.outbox()).containsKey("join-request-" + id + "-approved-dm-USAM");
    }

    @Test
    void addingTheCouncilOfAnOpenDomainRequestAnswersIt() {
        fixture.profile("UKIM", "kim@newtown.gov.uk");
        joinRequests.ask(fixture.access("UKIM"));
        long id = onlyRequestId();

        fixture.module.councils.addCouncil("UADMIN01", "Newtown Borough Council", "newtown.gov.uk");

        assertThat(joinRequests.find(id).orElseThrow().status()).isEqualTo(JoinRequest.Status.APPROVED);
        assertThat(fixture.access("UKIM")).isInstanceOf(Access.Allowed.class);
        assertThat(fixture.outbox()).containsKey("join-request-" + id + "-approved-dm-UKIM");
    }

    @Test
    void membersWhoCannotAskAreToldWhy() {
        long york = fixture.council("YOR", "City of York Council", "york.gov.uk", Council.Status.SUSPENDED);
        fixture.profile("USAM", "sam@york.gov.uk").profile("UGEE", "gee@gmail.com");

        assertThat(joinRequests.ask(fixture.access("USAM")).text()).contains("suspended");
        assertThat(joinRequests.ask(fixture.access("UGEE")).text()).contains("many organisations share");
        assertThat(fixture.outbox()).isEmpty();
        assertThat(fixture.find(york).status()).isEqualTo(Council.Status.SUSPENDED);
    }
}
