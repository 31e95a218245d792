package org.talentpool.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.talentpool.TalentPool;
import org.talentpool.availability.Weeks;
import org.talentpool.config.PoolConfig;
import org.talentpool.persistence.Database;
import org.talentpool.testing.TestDatabase;

/**
 * The sandbox page in headless Chromium, as a person would use it. Skipped with a note when Chromium or
 * ChromeDriver is not installed, unless {@code REQUIRE_BROWSER=1} (set by CI), which makes that a failure.
 * Screenshots go to {@code target/}.
 */
@Tag("browser")
class SandboxBrowserTest {
    private static final Path SCREENSHOTS = Path.of("target");
    private static final String REQUESTER = "UYOR05";
    private static final String OUTSIDER = "USHF01";
    private static final String GIS_ANALYST = "ULDS02";

    @BeforeEach
    void needsABrowser() {
        Optional<String> missing = Browser.missing();
        if (missing.isPresent()) {
            if ("1".equals(System.getenv("REQUIRE_BROWSER"))) {
                fail("REQUIRE_BROWSER=1 but " + missing.get() + " (Debian packages chromium and chromium-driver)");
            }
            Assumptions.abort("Browser test skipped: " + missing.get() + ". Install the Debian packages chromium and"
                    + " chromium-driver to run it; CI sets REQUIRE_BROWSER=1 and installs them.");
        }
    }

    private static void choose(Browser browser, String userId) {
        browser.click("#person option[value='" + userId + "']");
    }

    private static void type(Browser browser, String text) {
        browser.type("#composer-input", text + "\uE007");
    }

    @Test
    void helpAppHomeAndTheGateFromTheRealBot() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2);
             TalentPool pool = TalentPool.start(PoolConfig.fromEnv(Map.of("DATABASE_URL", database.url(),
                     "PORT", "0")), Clock.systemUTC());
             Browser browser = Browser.start()) {
            browser.open(Sandbox.address(pool.port()));
            choose(browser, REQUESTER);
            assertThat(browser.waitForText("#person-info", "transport.projects@york.gov.uk")).contains("Project Manager");

            type(browser, "/pool");
            String conversation = browser.waitForText("#messages", "lends specialist hours between councils");
            assertThat(conversation).contains("/pool").contains("this help: every command with an example")
                    .contains("Only visible to you");
            browser.screenshot(SCREENSHOTS.resolve("sandbox-help.png"));
            type(browser, "/pool <img src=x onerror=alert(1)> *bold*");
            assertThat(browser.waitForText("#messages", "I don't know")).contains("<img");
            assertThat(browser.findAll("#messages img")).isEmpty();

            browser.click("#nav-home");
            String home = browser.waitForText("#home", "Welcome, York Transport Project Manager");
            assertThat(home).contains("City of York Council").contains("Approved").contains("/pool");
            browser.screenshot(SCREENSHOTS.resolve("sandbox-home.png"));

            choose(browser, OUTSIDER);
            assertThat(browser.waitForText("#home", "isn't in the pool yet")).contains("sheffield.gov.uk")
                    .doesNotContain("Welcome");
            browser.screenshot(SCREENSHOTS.resolve("sandbox-gate.png"));
        }
    }

    /**
     * The story of issue 8: the requester finds a GIS specialist, books two hours through the modal, the specialist
     * accepts in their DM, and both App Homes show the confirmed booking. The screenshots {@code sandbox.png} (the
     * search results) and {@code app-home.png} (the specialist's App Home) are the README's.
     */
    @Test
    void bookAndAccept() throws Exception {
        String week = Weeks.dayMonth(Weeks.thisWeek(Clock.systemUTC(), ZoneId.of("Europe/London")));
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2);
             TalentPool pool = TalentPool.start(PoolConfig.fromEnv(Map.of("DATABASE_URL", database.url(),
                     "PORT", "0")), Clock.systemUTC());
             Browser browser = Browser.start()) {
            browser.open(Sandbox.address(pool.port()));
            choose(browser, REQUESTER);
            browser.waitForText("#person-info", "transport.projects@york.gov.uk");

            type(browser, "/find-expert gis");
            String results = browser.waitForText("#messages", "@Leeds GIS Analyst");
            assertThat(results).contains("Leeds City Council").contains("GIS").contains("Book");
            browser.screenshot(SCREENSHOTS.resolve("sandbox.png"));

            browser.click("button[data-action-id='booking-book']");
            browser.waitForText("#modal-body", "@Leeds GIS Analyst");
            assertThat(browser.displayed("#modal-backdrop")).isTrue();
            browser.type("[data-block-id='hours'] input", "2");
            browser.type("[data-block-id='need'] textarea", "A flood risk map for the Foss basin & <the> ring road");
            browser.screenshot(SCREENSHOTS.resolve("sandbox-book.png"));
            browser.click("#modal-submit");
            assertThat(browser.waitForText("#modal-body", "Request sent")).contains("2 h");
            browser.click("#modal-cancel");
            browser.waitForText("#messages", "I've asked @Leeds GIS Analyst");

            choose(browser, GIS_ANALYST);
            String request = browser.waitForText("#messages", "would like to book 2 h of your time");
            assertThat(request).contains("@York Transport Project Manager")
                    .contains("A flood risk map for the Foss basin & <the> ring road");
            browser.click("button[data-action-id='booking-accept']");
            browser.waitForText("#messages", "You accepted @York Transport Project Manager's booking");

            browser.click("#nav-home");
            String specialistHome = browser.waitForText("#home",
                    "(City of York Council) · 2 h in the week of " + week + " · ✅ confirmed");
            assertThat(specialistHome).contains("Your hours").contains("2 h booked").contains("Bookings of your time");
            settled(pool);
            browser.execute("const header = [...document.querySelectorAll('#home .block-header')]"
                    + ".find(element => element.textContent === 'Your hours'); header.scrollIntoView();");
            browser.screenshot(SCREENSHOTS.resolve("app-home.png"));

            choose(browser, REQUESTER);
            String requesterHome = browser.waitForText("#home",
                    "@Leeds GIS Analyst (Leeds City Council) · 2 h in the week of " + week + " · ✅ confirmed");
            assertThat(requesterHome).contains("Bookings you made").contains("Find an expert")
                    .doesNotContain("Your hours");
            browser.screenshot(SCREENSHOTS.resolve("sandbox-requester-home.png"));

            // The App Home's search box: Enter runs the search, whose results come to the DM.
            browser.type("[data-block-id='find-expert-home'] input", "net zero\uE007");
            browser.click("#nav-conversations button");
            assertThat(browser.waitForText("#messages", "@Bristol Climate Officer")).contains("Specialists for")
                    .contains("net zero");
        }
    }

    /**
     * Waits until no App Home is waiting to be published or delivered, then for the page to have polled once more,
     * so that a screenshot is not taken just before the home is drawn again (which scrolls it back to the top).
     */
    private static void settled(TalentPool pool) throws InterruptedException {
        await().atMost(Duration.ofSeconds(20)).until(() -> pool.database().jdbi().withHandle(handle -> handle
                .createQuery("SELECT (SELECT COUNT(*) FROM home_refresh)"
                        + " + (SELECT COUNT(*) FROM outbox WHERE status = 'queued')")
                .mapTo(Integer.class).one()) == 0);
        Thread.sleep(2_500);
    }

    @Test
    void aFormWithItsErrorsAndAButtonInTheReply() throws Exception {
        TryApp app = new TryApp();
        try (TestDatabase testDatabase = TestDatabase.create(TestDatabase.Kind.H2);
             Database database = Database.open(testDatabase.url(), "", "", 4);
             SandboxRig rig = SandboxRig.start(database.jdbi(), Clock.systemUTC(), app::register);
             Browser browser = Browser.start()) {
            browser.open(rig.baseUrl() + "/sandbox");
            choose(browser, REQUESTER);
            type(browser, "/try-form");
            assertThat(browser.waitForText("#modal-title", "Try a form")).isEqualTo("Try a form");
            assertThat(browser.displayed("#modal-backdrop")).isTrue();

            browser.click("#modal-submit");
            browser.waitForText("[data-error-for='need']", "Please complete this required field.");
            assertThat(app.submissions).isEmpty();

            browser.type("[data-block-id='need'] textarea", "GIS");
            browser.click("[data-block-id='week'] option[value='next']");
            browser.click("[data-block-id='manager'] option[value='ULDS01']");
            browser.click("[data-block-id='skills'] option[value='gis']");
            browser.click("#modal-submit");
            browser.waitForText("[data-error-for='need']", "five characters at least");
            browser.screenshot(SCREENSHOTS.resolve("sandbox-modal.png"));

            browser.type("[data-block-id='need'] textarea", " & <flood> maps");
            browser.click("#modal-submit");
            browser.waitForText("#messages", "You asked for GIS & <flood> maps");
            assertThat(browser.displayed("#modal-backdrop")).isFalse();
            assertThat(app.submissions).hasSize(1);
            assertThat(app.submissions.get(0)).containsEntry("need", "GIS & <flood> maps").containsEntry("week", "next")
                    .containsEntry("manager", "ULDS01").containsEntry("skills", "gis");

            browser.click("button[data-action-id='accept']");
            browser.waitForText("#messages", "Accepted request 42");
            assertThat(app.events).anyMatch(event -> event.startsWith("accept 42"));
        }
    }
}
