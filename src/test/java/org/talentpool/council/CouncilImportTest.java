package org.talentpool.council;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talentpool.persistence.AuditLog;
import org.talentpool.testing.DatabaseTest;
import org.talentpool.testing.MutableClock;

/** Bulk onboarding from CSV on both databases, with the shipped register of 397 councils. */
class CouncilImportTest extends DatabaseTest {
    static final Path REGISTER = Path.of("reference", "uk-councils.csv");
    private CouncilImport importer;

    @BeforeEach
    void setUp() {
        CouncilTables.empty(database.jdbi());
        MutableClock clock = new MutableClock(Instant.parse("2026-11-30T09:00:00Z"));
        importer = new CouncilImport(database.jdbi(), new AuditLog(database.jdbi(), clock), clock);
    }

    private CouncilImport.Report importRegister() throws Exception {
        try (Reader reader = Files.newBufferedReader(REGISTER, StandardCharsets.UTF_8)) {
            return importer.importCsv(reader, "import-councils");
        }
    }

    private long count(String sql) {
        return database.jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
    }

    @Test
    void theRegisterIsImportedOnceAndTheSecondRunAddsNothing() throws Exception {
        CouncilImport.Report first = importRegister();

        assertThat(first.added()).isEqualTo(397);
        assertThat(first.skipped()).isEmpty();
        assertThat(first.invalid()).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM council WHERE status = 'known'")).isEqualTo(397);
        assertThat(count("SELECT COUNT(*) FROM council_domain")).isEqualTo(371);
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'council.import'")).isEqualTo(397);
        Council york = database.jdbi().withExtension(CouncilDao.class, dao -> dao.findByDomain("york.gov.uk"))
                .orElseThrow();
        assertThat(york.name()).isEqualTo("City of York Council");
        assertThat(york.code()).isEqualTo("YOR");
        assertThat(york.shortName()).isEqualTo("York");
        assertThat(york.status()).isEqualTo(Council.Status.KNOWN);
        Council greenwich = database.jdbi().withExtension(CouncilDao.class,
                dao -> dao.findByDomain("royalgreenwich.gov.uk")).orElseThrow();
        java.util.List<String> greenwichDomains = database.jdbi().withExtension(CouncilDao.class,
                dao -> dao.domains(greenwich.id()));
        assertThat(greenwichDomains).containsExactly("greenwich.gov.uk", "royalgreenwich.gov.uk");

        CouncilImport.Report second = importRegister();

        assertThat(second.added()).isZero();
        assertThat(second.skipped()).hasSize(397);
        assertThat(second.invalid()).isEmpty();
        assertThat(second.lines()).containsExactly("0 added, 397 skipped, 0 invalid",
                "skipped, already present (same code): lines 2-398 (397 rows)");
        assertThat(count("SELECT COUNT(*) FROM council")).isEqualTo(397);
    }

    @Test
    void badRowsAreReportedWithTheirLineAndNothingOfThemIsWritten() throws Exception {
        String csv = """
                code,official_name,short_name,nation,type,gss_code,email_domains
                AAA,Alpha Council,Alpha,England,District,E1,alpha.gov.uk
                BBB,,Beta,England,District,E2,beta.gov.uk
                CCC,Gamma Council,,,,,gamma
                DDD,Delta Council,,,,,alpha.gov.uk
                EEE,"Epsilon
                Council",,,,,epsilon.gov.uk
                ,No Code Council,,,,,nocode.gov.uk
                AAA,Alpha again,,,,,
                ,No Code Council,,,,,nocode.gov.uk
                FFF,Half Council,,,,,half.gov.uk;gmail.com
                ,Nothing Council,,,,,

                GGG,Two Domains Council,,,,,Two.GOV.uk; second.gov.uk
                """;

        CouncilImport.Report report = importer.importCsv(new StringReader(csv), "U0ADMIN");

        assertThat(report.added()).isEqualTo(4);
        assertThat(report.invalid()).extracting(CouncilImport.Row::line).containsExactly(3L, 4L, 5L, 11L, 12L);
        assertThat(report.invalid().get(0).message()).contains("name is missing");
        assertThat(report.invalid().get(1).message()).contains("\"gamma\" is not an email domain");
        assertThat(report.invalid().get(2).message()).contains("alpha.gov.uk belongs to another council")
                .contains("Alpha Council");
        assertThat(report.invalid().get(3).message()).contains("gmail.com is shared");
        assertThat(report.skipped()).extracting(CouncilImport.Row::line).containsExactly(9L, 10L);
        assertThat(report.lines()).contains("line 4: invalid: \"gamma\" is not an email domain (like york.gov.uk;"
                + " separate several with ;)");
        assertThat(count("SELECT COUNT(*) FROM council_domain WHERE domain = 'half.gov.uk'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM council WHERE name = 'Half Council'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM council WHERE name = 'Epsilon Council'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM council_domain WHERE domain IN ('two.gov.uk', 'second.gov.uk')"))
                .isEqualTo(2);
    }

    @Test
    void aListOfNamesAndDomainsWillDo() throws Exception {
        CouncilImport.Report report = importer.importCsv(new StringReader(
                "\uFEFFName,Domain\nNewtown Borough Council,newtown.gov.uk\n"), "U0ADMIN");

        assertThat(report.added()).isEqualTo(1);
        java.util.Optional<Council> newtown = database.jdbi().withExtension(CouncilDao.class,
                dao -> dao.findByDomain("newtown.gov.uk"));
        assertThat(newtown).hasValueSatisfying(council ->
                assertThat(council.name()).isEqualTo("Newtown Borough Council"));
    }

    @Test
    void aFileWithoutTheNeededColumnsIsRefusedWhole() {
        assertThatThrownBy(() -> importer.importCsv(new StringReader("council,website\nYork,york.gov.uk\n"), "U0"))
                .isInstanceOf(CouncilImport.InvalidFile.class)
                .hasMessageContaining("official_name (or name)");
        assertThat(count("SELECT COUNT(*) FROM council")).isZero();
    }

    @Test
    void lineRangesAreCompact() {
        assertThat(CouncilImport.ranges(java.util.List.of(2L, 3L, 4L, 7L, 9L, 10L))).isEqualTo("lines 2-4, 7, 9-10");
        assertThat(CouncilImport.ranges(java.util.List.of(5L))).isEqualTo("line 5");
    }
}
