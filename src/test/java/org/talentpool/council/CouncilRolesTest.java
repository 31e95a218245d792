package org.talentpool.council;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talentpool.testing.DatabaseTest;

/** Council leads and community admins, on both databases. */
class CouncilRolesTest extends DatabaseTest {
    private CouncilFixture fixture;
    private CouncilRoles roles;
    private long york;

    @BeforeEach
    void setUp() {
        CouncilTables.empty(database.jdbi());
        fixture = CouncilFixture.standard(database.jdbi());
        roles = fixture.module.roles;
        york = fixture.council("YOR", "City of York Council", "york.gov.uk", Council.Status.APPROVED);
        fixture.council("LDS", "Leeds City Council", "leeds.gov.uk", Council.Status.APPROVED);
    }

    @Test
    void aLeadMustWorkForTheCouncil() {
        fixture.profile("USAM", "sam@york.gov.uk").profile("UKIM", "kim@leeds.gov.uk")
                .profile("UGEE", "gee@gmail.com").profile("UNOE", null);

        Outcome appointed = roles.addLead("UADMIN01", "york.gov.uk", "USAM");

        assertThat(appointed.text()).isEqualTo("<@USAM> is now a lead of *City of York Council*; I've told them.");
        assertThat(roles.addLead("UADMIN01", "york.gov.uk", "USAM").changed()).isFalse();
        assertThatThrownBy(() -> roles.addLead("UADMIN01", "york.gov.uk", "UKIM"))
                .hasMessageContaining("<@UKIM> works for Leeds City Council by their Slack email");
        assertThatThrownBy(() -> roles.addLead("UADMIN01", "york.gov.uk", "UGEE"))
                .hasMessageContaining("`gmail.com`");
        assertThatThrownBy(() -> roles.addLead("UADMIN01", "york.gov.uk", "UNOE"))
                .hasMessageContaining("can't see an email");
        assertThat(roles.leads(york)).containsExactly("USAM");
        assertThat(fixture.outbox().keySet()).singleElement().asString().startsWith("council-" + york + "-lead-USAM-");
        assertThat(fixture.auditActions("council.lead_add")).singleElement().satisfies(entry -> {
            assertThat(entry.beforeState()).isEqualTo("{\"leads\":[]}");
            assertThat(entry.afterState()).isEqualTo("{\"leads\":[\"USAM\"]}");
        });
        assertThat(roles.ledBy("USAM")).extracting(Council::name).containsExactly("City of York Council");

        assertThat(roles.removeLead("UADMIN01", "york.gov.uk", "USAM").changed()).isTrue();
        assertThat(roles.removeLead("UADMIN01", "york.gov.uk", "USAM").text()).contains("isn't a lead");
        assertThat(roles.showLeads("york.gov.uk").text()).contains("no lead yet");
    }

    @Test
    void adminsAreAppointedAndRemovedButNeverTheLastOrTheConfiguredOnes() {
        assertThat(roles.addAdmin("UADMIN01", "UPAT").text()).contains("<@UPAT> is now a community admin");
        assertThat(roles.addAdmin("UADMIN01", "UPAT").changed()).isFalse();
        assertThat(roles.addAdmin("UADMIN01", "UADMIN01").text()).contains("POOL_ADMINS");
        assertThat(fixture.admins.isAdmin("UPAT")).isTrue();
        assertThat(fixture.outbox().keySet()).singleElement().asString().startsWith("admin-UPAT-appointed-");
        assertThat(roles.showAdmins().text()).isEqualTo("Community admins: from the POOL_ADMINS setting <@UADMIN01>;"
                + " appointed <@UPAT>.");

        assertThat(roles.removeAdmin("UPAT", "UADMIN01").text()).contains("POOL_ADMINS setting");
        assertThat(roles.removeAdmin("UADMIN01", "UNOBODY").text()).contains("isn't a community admin");
        assertThat(roles.removeAdmin("UADMIN01", "UPAT").changed()).isTrue();
        assertThat(fixture.admins.isAdmin("UPAT")).isFalse();
        assertThat(fixture.auditActions("admin.add")).hasSize(1);
        assertThat(fixture.auditActions("admin.remove")).singleElement()
                .satisfies(entry -> assertThat(entry.actor()).isEqualTo("UADMIN01"));
    }

    @Test
    void theLastAdminStays() {
        CouncilRoles noConfigured = new CouncilFixture(database.jdbi(), Optional.empty(), Set.of(), List.of())
                .module.roles;
        noConfigured.addAdmin("USETUP", "UPAT");

        assertThat(noConfigured.removeAdmin("UPAT", "UPAT").text()).contains("last community admin");
        assertThat(fixture.admins.isAdmin("UPAT")).isTrue();
    }

    @Test
    void twoAdminsRemovingEachOtherAtOnceLeaveOne() throws Exception {
        CouncilRoles noConfigured = new CouncilFixture(database.jdbi(), Optional.empty(), Set.of(), List.of())
                .module.roles;
        noConfigured.addAdmin("USETUP", "UPAT");
        noConfigured.addAdmin("USETUP", "UKIM");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Outcome> patRemovesKim = threads.submit(() -> {
                start.await();
                return noConfigured.removeAdmin("UPAT", "UKIM");
            });
            Future<Outcome> kimRemovesPat = threads.submit(() -> {
                start.await();
                return noConfigured.removeAdmin("UKIM", "UPAT");
            });
            start.countDown();
            int removed = 0;
            for (Future<Outcome> removal : List.of(patRemovesKim, kimRemovesPat)) {
                try {
                    removed += removal.get().changed() ? 1 : 0;
                } catch (java.util.concurrent.ExecutionException e) {
                    // a lost race may surface as a lock conflict; it must change nothing
                }
            }
            assertThat(removed).isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
        assertThat(fixture.admins.appointedAdmins()).hasSize(1);
    }
}
