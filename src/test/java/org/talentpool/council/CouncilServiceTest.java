package org.talentpool.council;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talentpool.testing.DatabaseTest;

/** The register as admins run it: status changes, the listener hook, registrations, rates and the listing. */
class CouncilServiceTest extends DatabaseTest {
    private final List<CouncilStatusListener.Change> heard = new CopyOnWriteArrayList<>();
    private CouncilFixture fixture;
    private CouncilService councils;
    private long york;

    @BeforeEach
    void setUp() {
        CouncilTables.empty(database.jdbi());
        heard.clear();
        fixture = new CouncilFixture(database.jdbi(), Optional.of(CouncilFixture.ADMIN_CHANNEL),
                Set.of(CouncilFixture.ADMIN), List.of((handle, change) -> {
                    // a listener writes in the transaction of the change, as a booking feature would
                    handle.execute("INSERT INTO member (user_id, display_name, refreshed_at) VALUES (?, ?, ?)",
                            "L" + heard.size(), change.after().dbValue(), java.time.OffsetDateTime.now());
                    heard.add(change);
                }));
        councils = fixture.module.councils;
        york = fixture.council("YOR", "City of York Council", "york.gov.uk", Council.Status.KNOWN);
    }

    @Test
    void approveSuspendAndReinstateAreAuditedAndHeard() {
        assertThat(councils.approve("UADMIN01", "york.gov.uk").changed()).isTrue();
        assertThat(councils.suspend("UADMIN01", "york.gov.uk", "Statements unpaid").text()).contains("Suspended");
        assertThat(fixture.find(york).statusReason()).isEqualTo("Statements unpaid");
        assertThat(councils.reinstate("UADMIN01", "york.gov.uk").text()).contains("Reinstated");

        assertThat(fixture.find(york).status()).isEqualTo(Council.Status.APPROVED);
        assertThat(fixture.find(york).statusReason()).isNull();
        assertThat(heard).extracting(change -> change.before() + ">" + change.after())
                .containsExactly("KNOWN>APPROVED", "APPROVED>SUSPENDED", "SUSPENDED>APPROVED");
        assertThat(heard.get(1).reason()).isEqualTo("Statements unpaid");
        assertThat(heard.get(1).actor()).isEqualTo("UADMIN01");
        assertThat(fixture.auditActions("council.suspend")).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("UADMIN01");
            assertThat(entry.subjectId()).isEqualTo(String.valueOf(york));
            assertThat(entry.beforeState()).isEqualTo("{\"status\":\"approved\"}");
            assertThat(entry.afterState()).isEqualTo("{\"status\":\"suspended\",\"reason\":\"Statements unpaid\"}");
        });
    }

    @Test
    void aFailingListenerUndoesTheChange() {
        CouncilFixture failing = new CouncilFixture(database.jdbi(), Optional.empty(), Set.of("UADMIN01"),
                List.of((handle, change) -> {
                    throw new IllegalStateException("bookings unavailable");
                }));

        assertThatThrownBy(() -> failing.module.councils.approve("UADMIN01", "york.gov.uk"))
                .hasMessageContaining("bookings unavailable");

        assertThat(fixture.find(york).status()).isEqualTo(Council.Status.KNOWN);
        assertThat(fixture.auditActions("council.approve")).isEmpty();
    }

    @Test
    void changesThatMakeNoSenseSaySoAndChangeNothing() {
        assertThat(councils.suspend("UADMIN01", "york.gov.uk", null).text())
                .contains("Only approved councils can be suspended");
        assertThat(councils.reinstate("UADMIN01", "york.gov.uk").text()).contains("isn't suspended");
        councils.approve("UADMIN01", "york.gov.uk");
        assertThat(councils.approve("UADMIN01", "york.gov.uk").text()).contains("approved already");
        assertThat(councils.reject("UADMIN01", "york.gov.uk", "no").text()).contains("use `/pool-admin suspend");
        assertThatThrownBy(() -> councils.approve("UADMIN01", "nowhere.gov.uk")).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("No council has the domain `nowhere.gov.uk`").hasMessageContaining("add-council");

        assertThat(heard).hasSize(1);
        assertThat(fixture.find(york).status()).isEqualTo(Council.Status.APPROVED);
    }

    @Test
    void aSubdomainNamesItsCouncil() {
        assertThat(councils.approve("UADMIN01", "planning.york.gov.uk").text()).contains("City of York Council");
    }

    @Test
    void rejectionKeepsTheReason() {
        councils.reject("UADMIN01", "york.gov.uk", "Not <yet>");

        assertThat(fixture.find(york).status()).isEqualTo(Council.Status.REJECTED);
        assertThat(fixture.find(york).statusReason()).isEqualTo("Not <yet>");
        assertThat(councils.approve("UADMIN01", "york.gov.uk").changed()).isTrue();
    }

    @Test
    void addCouncilCreatesAnApprovedCouncilOrGivesADomainToTheNamedOne() {
        Outcome added = councils.addCouncil("UADMIN01", "Newtown & District Council", "newtown.gov.uk");
        Outcome domain = councils.addCouncil("UADMIN01", "city of york council", "yorkcity.gov.uk");

        assertThat(added.text()).contains("Newtown &amp; District Council").contains("approved");
        assertThat(domain.text()).contains("Added `yorkcity.gov.uk` to *City of York Council* (known");
        List<String> domains = database.jdbi().withExtension(CouncilDao.class, dao -> dao.domains(york));
        assertThat(domains).containsExactly("york.gov.uk", "yorkcity.gov.uk");
        assertThatThrownBy(() -> councils.addCouncil("UADMIN01", "Another", "newtown.gov.uk"))
                .hasMessageContaining("`newtown.gov.uk` belongs to Newtown &amp; District Council (approved)");
        assertThat(fixture.auditActions("council.add")).hasSize(1);
        assertThat(fixture.auditActions("council.domain_add")).hasSize(1);
    }

    @Test
    void ratesKeepTheirHistoryForTheLedger() {
        CouncilRates rates = new CouncilRates(database.jdbi());
        LocalDate today = LocalDate.of(2026, 11, 30);

        assertThat(rates.rateAt(york, today)).isEmpty();
        assertThat(councils.setRate("UADMIN01", "york.gov.uk", 4000, null).text())
                .contains("£40.00 an hour for work from 30 Nov 2026");
        assertThat(councils.setRate("UADMIN01", "york.gov.uk", 4550, LocalDate.of(2027, 4, 1)).text())
                .contains("£45.50").contains("(was £40.00)");
        fixture.clock.advance(Duration.ofHours(2));
        assertThat(councils.setRate("UADMIN01", "york.gov.uk", 4200, null).text()).contains("(was £40.00)");
        assertThat(councils.setRate("UADMIN01", "york.gov.uk", 4200, null).changed()).isFalse();

        assertThat(rates.rateAt(york, today.minusDays(1))).isEmpty();
        assertThat(rates.rateAt(york, today)).hasValue(4200);
        assertThat(rates.rateAt(york, LocalDate.of(2027, 3, 31))).hasValue(4200);
        assertThat(rates.rateAt(york, LocalDate.of(2027, 4, 1))).hasValue(4550);
        assertThat(rates.rateAt(york, LocalDate.of(2030, 1, 1))).hasValue(4550);
        assertThat(councils.showRates("york.gov.uk").text()).contains("£45.50 from 1 Apr 2027")
                .contains("£42.00 from 30 Nov 2026");
        assertThat(fixture.auditActions("council.rate")).hasSize(3).first().satisfies(entry -> {
            assertThat(entry.beforeState()).isEqualTo("{\"from\":\"2026-11-30\",\"pencePerHour\":4000}");
            assertThat(entry.afterState()).isEqualTo("{\"from\":\"2026-11-30\",\"pencePerHour\":4200}");
        });
        assertThatThrownBy(() -> councils.setRate("UADMIN01", "york.gov.uk", 100_001, null))
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void theDatabaseRefusesAbsurdRatesToo() {
        assertThatThrownBy(() -> database.jdbi().useExtension(CouncilDao.class, dao -> dao.setRate(york,
                LocalDate.of(2026, 11, 30), -5, "UADMIN01", java.time.OffsetDateTime.now())))
                .hasMessageContaining("council_rate_range");
    }

    @Test
    void theListingIsBoundedAndSaysHowToNarrowIt() {
        for (int i = 0; i < 60; i++) {
            fixture.council("C" + i, String.format("Council %02d", i), "c" + i + ".gov.uk", Council.Status.KNOWN);
        }
        councils.approve("UADMIN01", "c7.gov.uk");
        fixture.council("PEN", "Pending Council", "pending.gov.uk", Council.Status.PENDING);

        CouncilService.Listing all = councils.list(null, "");

        assertThat(all.summary()).isEqualTo("*62 councils*: 60 known, 1 pending, 1 approved.");
        assertThat(all.lines()).hasSize(CouncilService.LIST_LIMIT);
        assertThat(all.lines().get(0)).contains("Pending Council").contains("pending");
        assertThat(all.footer()).contains("Showing 50 of 62").contains("/pool-admin councils pending");

        assertThat(councils.list(Council.Status.APPROVED, "").lines()).singleElement()
                .satisfies(line -> assertThat(line).contains("Council 07").contains("`c7.gov.uk`"));
        assertThat(councils.list(null, "york").lines()).singleElement()
                .satisfies(line -> assertThat(line).contains("City of York Council"));
        assertThat(councils.list(null, "c1").lines()).hasSize(11);
        assertThat(councils.list(Council.Status.SUSPENDED, "").footer()).isEqualTo("No councils suspended.");
        assertThat(councils.list(null, "100%_").lines()).isEmpty();
    }
}
