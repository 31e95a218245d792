package org.talentpool.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talentpool.availability.ListingIndex;
import org.talentpool.availability.ListingIndexBitTest;
import org.talentpool.availability.WeeklyCapacity;
import org.talentpool.booking.BookingDao;
import org.talentpool.testing.DatabaseTest;
import org.talentpool.testing.MutableClock;
import org.talentpool.testing.TestDatabase;

/** Search ranking, filters, weeks, paging, title and bio matches and unmet demand, on H2 and PostgreSQL. */
class ExpertSearchTest extends DatabaseTest {
    private static final String KIM = "U0KIM001";
    // Wednesday 2 December 2026, 10:00 in London: this week starts Monday 30 November, next week 7 December.
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
    private final LocalDate thisWeek = LocalDate.parse("2026-11-30");
    private final LocalDate nextWeek = LocalDate.parse("2026-12-07");
    private ExpertFixture fixture;
    private ExpertSearch search;
    private WeeklyCapacity capacity;
    private long leeds;
    private long york;
    private long hull;
    private ExpertSearch.Searcher kim;

    @BeforeEach
    void setUp() {
        fixture = new ExpertFixture(database.jdbi(), clock);
        fixture.clear();
        search = new ExpertSearch(database.jdbi(), clock, ExpertFixture.LONDON);
        capacity = new WeeklyCapacity(database.jdbi(), clock, ExpertFixture.LONDON);
        leeds = fixture.council("LDS", "Leeds City Council", "leeds.gov.uk", "approved");
        york = fixture.council("YOR", "City of York Council", "york.gov.uk", "approved");
        hull = fixture.council("KHL", "Hull City Council", "hull.gov.uk", "approved");
        fixture.member(KIM, "Kim", "york.gov.uk", york);
        kim = new ExpertSearch.Searcher(KIM, york);
    }

    private void leeds(String userId, double hours, String... skills) {
        fixture.specialist(userId, "leeds.gov.uk", leeds, "Officer " + userId, "Bio of " + userId, hours, skills);
    }

    private void hull(String userId, double hours, String... skills) {
        fixture.specialist(userId, "hull.gov.uk", hull, "Officer " + userId, "Bio of " + userId, hours, skills);
    }

    /** Holds minutes of a specialist's week for a request made at {@code at}, as a booking would. */
    private void booked(String userId, LocalDate week, int minutes, Instant at) {
        database.jdbi().useTransaction(handle -> {
            handle.attach(BookingDao.class).insert("view-" + userId + "-" + at.getEpochSecond(), userId, KIM,
                    handle.createQuery("SELECT council_id FROM member WHERE user_id = :user").bind("user", userId)
                            .mapTo(Long.class).one(), york, week, minutes, "Help", null, at.atOffset(
                            java.time.ZoneOffset.UTC));
            assertThat(capacity.hold(handle, userId, week, minutes)).isTrue();
        });
    }

    private ExpertSearch.Result.Page page(String words, int page) {
        return page(words, thisWeek, page);
    }

    private ExpertSearch.Result.Page page(String words, LocalDate week, int page) {
        ExpertSearch.Result result = search.search(kim, query(words), week, page);
        assertThat(result).isInstanceOf(ExpertSearch.Result.Page.class);
        return (ExpertSearch.Result.Page) result;
    }

    /** Whether the search's listing index has rows for a specialist this week. */
    private boolean listed(String userId) {
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM listing_word"
                + " WHERE user_id = :user AND week_start = :week").bind("user", userId).bind("week", thisWeek)
                .mapTo(Integer.class).one()) > 0;
    }

    private static SearchQuery query(String words) {
        return ((SearchQuery.Parsed.Query) SearchQuery.parse(words)).query();
    }

    private static List<String> ids(ExpertSearch.Result.Page page) {
        return page.experts().stream().map(ExpertSearch.Expert::userId).toList();
    }

    @Test
    void ranksBySkillOverlapThenHoursLeftThenWhoWasBookedLeastRecently() {
        leeds("U0A", 2, "GIS", "Python");
        hull("U0B", 6, "GIS");
        leeds("U0C", 4, "GIS");
        hull("U0D", 5, "GIS");
        hull("U0E", 5, "GIS");
        leeds("U0F", 8, "Planning");
        booked("U0D", thisWeek, 60, clock.instant().minus(Duration.ofHours(1)));
        booked("U0E", thisWeek, 60, clock.instant().minus(Duration.ofDays(1)));

        ExpertSearch.Result.Page page = page("gis python", 0);

        // A matches both words; B has the most hours left; C, E and D have 4 h left each: C was never booked,
        // E was booked a day ago, D an hour ago. F matches nothing.
        assertThat(ids(page)).containsExactly("U0A", "U0B", "U0C", "U0E", "U0D");
        ExpertSearch.Expert first = page.experts().get(0);
        assertThat(first.overlap()).isEqualTo(2);
        assertThat(first.matchedSkills()).containsExactly("GIS", "Python");
        assertThat(first.councilName()).isEqualTo("Leeds City Council");
        assertThat(first.jobTitle()).isEqualTo("Officer U0A");
        assertThat(first.leftThisWeek()).isEqualTo(120);
        assertThat(first.leftNextWeek()).isEqualTo(120);
        assertThat(page.experts().get(4).leftThisWeek()).isEqualTo(240);
        assertThat(page.more()).isFalse();
    }

    @Test
    void groupsNobodyIsExpectedInAreReadTogetherAndRankedAsOneByOne() {
        // alpha is rarest, then bravo, charlie, delta; nobody is expected to match three of the four words, so the
        // groups of four, three and two are read at once: alpha's and bravo's ranges whole, charlie's from the top
        leeds("U01", 1, "Alpha", "Bravo", "Charlie", "Delta"); // 4, with the fewest hours
        hull("U02", 2, "Alpha", "Bravo", "Charlie");           // 3
        leeds("U03", 9, "Bravo", "Charlie", "Delta");          // 3
        hull("U05", 3, "Bravo", "Charlie");                    // 2
        leeds("U06", 5, "Charlie", "Delta");                   // 2, under charlie and delta only
        hull("U04", 4, "Delta");
        leeds("U07", 6, "Delta");
        hull("U08", 7, "Delta");
        for (int i = 10; i < 18; i++) {
            leeds("U" + i, 8, "Echo");
        }
        new ListingIndex(database.jdbi(), clock, ExpertFixture.LONDON).rebuild();
        SearchQuery query = query("alpha bravo charlie delta");
        int from = database.jdbi().withHandle(handle -> {
            List<List<String>> words = SkillMatcher.words(query.terms(),
                    SkillMatcher.match(query.terms(), new Vocabulary().skills(handle)));
            ExpertSearch.WordCounts counts = ExpertSearch.WordCounts.read(handle, words, thisWeek);
            return ExpertSearch.fillsFrom(words, ExpertSearch.shortestFirst(words, counts), counts);
        });
        assertThat(from).isEqualTo(2);

        // the same with word bits counted first (as on PostgreSQL, on both databases) and bounded with H2's BITCOUNT
        for (boolean bitsFirst : bitsModes()) {
            search = new ExpertSearch(database.jdbi(), clock, ExpertFixture.LONDON, bitsFirst);
            ExpertSearch.Result.Page first = page("alpha bravo charlie delta", 0);
            assertThat(ids(first)).containsExactly("U01", "U03", "U02", "U06", "U05");
            assertThat(first.experts().stream().map(ExpertSearch.Expert::overlap)).containsExactly(4, 3, 3, 2, 2);
            assertThat(first.more()).isTrue();
            assertThat(ids(page("alpha bravo charlie delta", 1))).containsExactly("U08", "U07", "U04");
        }
    }

    @Test
    void aWordSharingTheBitOfASearchWordIsNotThatWord() {
        // every word sets one of 63 bits; the bits only narrow the rows whose words are compared
        String collider = ListingIndexBitTest.collidingWith("alpha");
        leeds("U0X", 9, "Bravo", collider);
        hull("U0Y", 2, "Alpha", "Bravo");
        leeds("U0Z", 1, "Alpha");
        hull("U0W", 3, "Alpha");
        // counted now, bravo is the shorter range: those matching both are looked for there, so U0X's bits are checked
        new ListingIndex(database.jdbi(), clock, ExpertFixture.LONDON).rebuild();

        for (boolean bitsFirst : bitsModes()) {
            search = new ExpertSearch(database.jdbi(), clock, ExpertFixture.LONDON, bitsFirst);
            ExpertSearch.Result.Page page = page("alpha bravo", 0);

            assertThat(ids(page)).containsExactly("U0Y", "U0X", "U0W", "U0Z");
            assertThat(page.experts().get(1).overlap()).isEqualTo(1);
        }
    }

    @Test
    void searchWordsSharingABitAreEachCounted() {
        // alpha and the collider set the same bit: a row with that bit may match both words, so H2's bound counts
        // the bit twice (counted once, U0B would be left out of the group of two and of the band reading it)
        String collider = ListingIndexBitTest.collidingWith("alpha");
        leeds("U0A", 1, "Alpha");
        hull("U0B", 2, "Alpha", collider);
        leeds("U0C", 3, collider);
        hull("U0D", 4, "Bravo");
        new ListingIndex(database.jdbi(), clock, ExpertFixture.LONDON).rebuild();

        for (boolean bitsFirst : bitsModes()) {
            search = new ExpertSearch(database.jdbi(), clock, ExpertFixture.LONDON, bitsFirst);
            ExpertSearch.Result.Page page = page("alpha " + collider, 0);

            assertThat(ids(page)).containsExactly("U0B", "U0C", "U0A");
            assertThat(page.experts().get(0).overlap()).isEqualTo(2);
        }
        // the band from two of alpha, the collider and bravo: U0B alone matches two (U0D, one, is below it)
        List<List<String>> words = List.of(List.of("alpha"), List.of(collider), List.of("bravo"));
        for (boolean bitsFirst : bitsModes()) {
            ExpertSearch.Statement band = ExpertSearch.bandStatement(words, List.of(0, 1, 2), 2, List.of(0), 1,
                    bitsFirst);
            List<String> found = database.jdbi().withHandle(handle -> handle.createQuery(band.sql())
                    .bindMap(band.binds()).bind("week", thisWeek).bind("today", thisWeek.plusDays(2))
                    .bind("councilId", york).bind("limit", 6)
                    .map((rs, ctx) -> rs.getString("user_id") + ":" + rs.getInt("overlap")).list());
            assertThat(found).as("bits first: %s", bitsFirst).containsExactly("U0B:2");
        }
    }

    @Test
    void searchesFindWhomAScanOfEveryoneFindsWhereSearchWordsImplyOthers() {
        // delta and echo only ever come together, as do kilo and lima; alpha only with bravo, which comes with charlie
        // too; golf only with hotel, which comes with india too: search reads one range for both words of such a pair
        // (ExpertSearch.cheapestCover) and expects them together (fillsFrom). Rarest skills first.
        List<String> skills = List.of("Delta echo", "Kilo lima", "Alpha bravo", "Golf hotel", "Bravo charlie",
                "Hotel india", "Juliet", "Foxtrot", "Mike");
        List<String> vocabulary = List.of("alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel",
                "india", "juliet", "kilo", "lima", "mike");
        java.util.SplittableRandom random = new java.util.SplittableRandom(20_261_128L);
        java.util.Map<String, java.util.Set<String>> wordsOf = new java.util.TreeMap<>();
        java.util.Map<String, Integer> hoursOf = new java.util.HashMap<>();
        for (int i = 0; i < 70; i++) {
            String userId = String.format("U%03d", i);
            java.util.Set<String> held = new java.util.LinkedHashSet<>();
            for (int k = 1 + random.nextInt(3); held.size() < k; ) {
                // skill s with weight s + 1: the later, the commoner
                int draw = random.nextInt(skills.size() * (skills.size() + 1) / 2);
                int s = 0;
                for (int sum = 1; sum <= draw; sum += s + 2) {
                    s++;
                }
                held.add(skills.get(s));
            }
            int hours = 1 + random.nextInt(9);
            if (i % 2 == 0) {
                leeds(userId, hours, held.toArray(String[]::new));
            } else {
                hull(userId, hours, held.toArray(String[]::new));
            }
            wordsOf.put(userId, held.stream().flatMap(skill -> java.util.Arrays.stream(skill.toLowerCase().split(" ")))
                    .collect(java.util.stream.Collectors.toSet()));
            hoursOf.put(userId, hours);
        }
        new ListingIndex(database.jdbi(), clock, ExpertFixture.LONDON).rebuild();

        int coveredByImplication = 0;
        for (int q = 0; q < 30; q++) {
            java.util.Set<String> picked = new java.util.LinkedHashSet<>();
            for (int n = 3 + random.nextInt(4); picked.size() < n; ) {
                picked.add(vocabulary.get(random.nextInt(vocabulary.size())));
            }
            List<String> terms = List.copyOf(picked);
            List<String> expected = wordsOf.keySet().stream()
                    .filter(user -> terms.stream().anyMatch(wordsOf.get(user)::contains))
                    .sorted(java.util.Comparator.comparing((String user) -> -terms.stream()
                                    .filter(wordsOf.get(user)::contains).count())
                            .thenComparing(user -> -hoursOf.get(user)).thenComparing(user -> user))
                    .map(user -> user + ":" + terms.stream().filter(wordsOf.get(user)::contains).count())
                    .toList();
            SearchQuery query = query(String.join(" ", terms));
            coveredByImplication += database.jdbi().withHandle(handle -> {
                SkillMatcher.Lexicon lexicon = new Vocabulary().lexicon(handle);
                List<List<String>> words = SkillMatcher.words(terms, SkillMatcher.match(terms, lexicon));
                ExpertSearch.Order order = ExpertSearch.Order.of(words, ExpertSearch.WordCounts.read(handle, words,
                        thisWeek), lexicon);
                // some group (or the band from it) is read from fewer ranges than it lacks words, plus one
                int n = order.terms().size();
                for (int overlap = 1; overlap < n; overlap++) {
                    if (Integer.bitCount(ExpertSearch.cheapestCover(n - overlap + 1, order.implies(), order.sizes()))
                            < n - overlap + 1) {
                        return 1;
                    }
                }
                return 0;
            });
            for (boolean bitsFirst : bitsModes()) {
                search = new ExpertSearch(database.jdbi(), clock, ExpertFixture.LONDON, bitsFirst);
                List<String> found = new ArrayList<>();
                for (int page = 0; page * ExpertSearch.PAGE_SIZE < Math.max(1, expected.size()); page++) {
                    if (search.search(kim, query, thisWeek, page) instanceof ExpertSearch.Result.Page shown) {
                        shown.experts().forEach(expert -> found.add(expert.userId() + ":" + expert.overlap()));
                    }
                }
                assertThat(found).as("%s, bits first: %s", terms, bitsFirst).isEqualTo(expected);
            }
        }
        assertThat(coveredByImplication).as("searches reading fewer ranges for implied words").isGreaterThan(10);
    }

    /** Both ways of checking bits where this database has the functions for them: term by term, and H2's BITCOUNT. */
    private List<Boolean> bitsModes() {
        return kind == TestDatabase.Kind.H2 ? List.of(true, false) : List.of(true);
    }

    @Test
    void wordBitsAreCountedOnPostgreSqlAndMaskedOnH2() {
        assertThat(ExpertSearch.bitsPay(database.jdbi())).isEqualTo(kind == TestDatabase.Kind.POSTGRESQL);
    }

    @Test
    void leavesOutTheSearchersCouncilAndAnyoneNotListedOrWithoutHoursLeft() {
        leeds("U0OK", 4, "GIS");
        fixture.specialist("U0YORK", "york.gov.uk", york, "Own council", "Bio", 4, "GIS");
        leeds("U0PAUSED", 4, "GIS");
        fixture.pause("U0PAUSED");
        long wakefield = fixture.council("WKF", "Wakefield Council", "wakefield.gov.uk", "approved");
        fixture.specialist("U0SUSP", "wakefield.gov.uk", wakefield, "Suspended council", "Bio", 4, "GIS");
        fixture.councilStatus(wakefield, "suspended");
        leeds("U0REVOKED", 4, "GIS");
        fixture.revoke("U0REVOKED");
        leeds("U0EXPIRED", 4, "GIS");
        fixture.approve("U0EXPIRED", 240, LocalDate.parse("2026-12-02"));
        leeds("U0FULL", 2, "GIS");
        booked("U0FULL", thisWeek, 120, clock.instant());
        leeds("U0ZERO", 0, "GIS");

        assertThat(ids(page("gis", 0))).containsExactly("U0OK");
    }

    @Test
    void severalWordsLeaveOutTheSearchersCouncilAndExpiredPermissionsInEveryStatement() {
        // the listing's checks sit behind the word bits' test: the best matches of each group are people to leave out,
        // from the searcher's council or with a permission that was valid when listed and has expired since
        fixture.specialist("U0YORK4", "york.gov.uk", york, "Own council", "Bio", 9, "Alpha", "Bravo", "Charlie",
                "Delta");
        fixture.specialist("U0YORK2", "york.gov.uk", york, "Own council", "Bio", 9, "Charlie", "Delta");
        leeds("U0EXP3", 9, "Alpha", "Bravo", "Charlie");
        fixture.approve("U0EXP3", 240, LocalDate.parse("2026-12-03"));
        hull("U0EXP1", 9, "Delta");
        fixture.approve("U0EXP1", 240, LocalDate.parse("2026-12-03"));
        leeds("U01", 1, "Alpha", "Bravo", "Charlie", "Delta");
        hull("U02", 2, "Bravo", "Charlie", "Delta");
        leeds("U03", 3, "Charlie", "Delta");
        for (int i = 4; i < 8; i++) {
            hull("U0" + i, i, "Delta");
        }
        for (int i = 10; i < 18; i++) {
            leeds("U" + i, 8, "Echo");
        }
        for (boolean rebuilt : List.of(false, true)) {
            clock.set(Instant.parse("2026-12-02T10:00:00Z"));
            if (rebuilt) {
                // counted: the groups nobody is expected in are read together (the band statement)
                new ListingIndex(database.jdbi(), clock, ExpertFixture.LONDON).rebuild();
            }
            assertThat(listed("U0EXP3")).isTrue();
            clock.set(Instant.parse("2026-12-03T10:00:00Z")); // the same week, the permissions expired today
            for (boolean bitsFirst : bitsModes()) {
                search = new ExpertSearch(database.jdbi(), clock, ExpertFixture.LONDON, bitsFirst);
                ExpertSearch.Result.Page found = page("alpha bravo charlie delta", 0);
                // (a page leaves out whoever is no longer listed, so one ranked in their place would leave a gap)
                assertThat(ids(found)).as("rebuilt %s, bits first %s", rebuilt, bitsFirst)
                        .containsExactly("U01", "U02", "U03", "U07", "U06");
                assertThat(found.experts().stream().map(ExpertSearch.Expert::overlap)).containsExactly(4, 3, 2, 1, 1);
                assertThat(found.more()).isTrue();
            }
        }
    }

    @Test
    void nextWeekSearchesNextWeeksHoursAndShowsBoth() {
        leeds("U0BUSY", 2, "GIS");
        booked("U0BUSY", thisWeek, 120, clock.instant());
        leeds("U0FREE", 3, "GIS");

        assertThat(ids(page("gis", thisWeek, 0))).containsExactly("U0FREE");
        ExpertSearch.Result.Page next = page("gis", nextWeek, 0);
        assertThat(ids(next)).containsExactly("U0FREE", "U0BUSY");
        assertThat(next.weekStart()).isEqualTo(nextWeek);
        assertThat(next.experts().get(1).leftThisWeek()).isZero();
        assertThat(next.experts().get(1).leftNextWeek()).isEqualTo(120);
        assertThat(ids((ExpertSearch.Result.Page) search.search(kim, query("gis --next-week"))))
                .containsExactly("U0FREE", "U0BUSY");
        // A More button of a search for a week that has ended since reads as this week.
        assertThat(page("gis", thisWeek.minusWeeks(1), 0).weekStart()).isEqualTo(thisWeek);
    }

    @Test
    void aWeekNobodyAskedAboutYetOffersTheDefaultCappedByThePermission() {
        leeds("U0CAPPED", 6, "GIS");
        fixture.approve("U0CAPPED", 240, LocalDate.parse("2027-06-01"));
        leeds("U0ENDING", 3, "GIS");
        // The permission ends on Sunday: nothing can be offered next week.
        fixture.approve("U0ENDING", 180, LocalDate.parse("2026-12-06"));

        ExpertSearch.Result.Page page = page("gis", 0);
        assertThat(ids(page)).containsExactly("U0CAPPED", "U0ENDING");
        assertThat(page.experts().get(0).leftThisWeek()).isEqualTo(240);
        assertThat(page.experts().get(1).leftNextWeek()).isZero();
        assertThat(ids(page("gis", nextWeek, 0))).containsExactly("U0CAPPED");
        int weekRows = database.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM specialist_week")
                .mapTo(Integer.class).one());
        assertThat(weekRows).as("searching writes no week rows").isZero();

        // Once the week has a row, it is what counts.
        assertThat(capacity.capacity("U0CAPPED", thisWeek).orElseThrow().leftMinutes()).isEqualTo(240);
        booked("U0CAPPED", thisWeek, 90, clock.instant());
        ExpertSearch.Result.Page after = page("gis", 0);
        assertThat(ids(after)).containsExactly("U0ENDING", "U0CAPPED");
        assertThat(after.experts().get(1).leftThisWeek()).isEqualTo(150);
    }

    @Test
    void wordsMatchSkillsExactlyByPrefixAndWithATypo() {
        leeds("U0PLAN", 4, "Planning enforcement");
        leeds("U0PY", 4, "Python");
        leeds("U0GIS", 4, "GIS");

        assertThat(ids(page("plan", 0))).containsExactly("U0PLAN");
        assertThat(ids(page("enforcement", 0))).containsExactly("U0PLAN");
        assertThat(ids(page("planing", 0))).containsExactly("U0PLAN");
        assertThat(ids(page("pyhton", 0))).containsExactly("U0PY");
        assertThat(ids(page("G.I.S.", 0))).containsExactly("U0GIS");
        assertThat(page("planing", 0).experts().get(0).matchedSkills()).containsExactly("Planning enforcement");
        // Short words get no typo tolerance: "gsi" is not "gis".
        assertThat(search.search(kim, query("gsi"))).isInstanceOf(ExpertSearch.Result.Nobody.class);
    }

    @Test
    void jobTitleAndBioMatchesComeAfterSkillMatches() {
        fixture.specialist("U0SKILL", "leeds.gov.uk", leeds, "Analyst", "Maps.", 2, "GIS");
        fixture.specialist("U0TITLE", "hull.gov.uk", hull, "Senior GIS officer", "Highways.", 8, "Highways");
        fixture.specialist("U0BIO", "hull.gov.uk", hull, "Engineer", "I use gis and python daily.", 8, "Drainage");
        fixture.specialist("U0NONE", "hull.gov.uk", hull, "Engineer", "Logistics.", 8, "Drainage");

        ExpertSearch.Result.Page page = page("gis python", 0);

        assertThat(ids(page)).containsExactly("U0SKILL", "U0BIO", "U0TITLE");
        assertThat(page.experts().get(0).matchedSkills()).containsExactly("GIS");
        assertThat(page.experts().get(1).matchedSkills()).isEmpty();
        assertThat(page.experts().get(1).otherSkills()).containsExactly("Drainage");
        assertThat(page.experts().get(1).overlap()).isEqualTo(2);
    }

    @Test
    void pagesOfFiveInOneOrder() {
        for (int i = 10; i < 22; i++) {
            hull("U0P" + i, 1 + (i % 4), "GIS");
        }
        List<String> seen = new ArrayList<>();
        ExpertSearch.Result.Page first = page("gis", 0);
        ExpertSearch.Result.Page second = page("gis", 1);
        ExpertSearch.Result.Page third = page("gis", 2);

        assertThat(first.experts()).hasSize(5);
        assertThat(first.more()).isTrue();
        assertThat(second.experts()).hasSize(5);
        assertThat(second.more()).isTrue();
        assertThat(third.experts()).hasSize(2);
        assertThat(third.more()).isFalse();
        seen.addAll(ids(first));
        seen.addAll(ids(second));
        seen.addAll(ids(third));
        assertThat(seen).doesNotHaveDuplicates().hasSize(12);
        List<Integer> hours = new ArrayList<>();
        for (ExpertSearch.Result.Page page : List.of(first, second, third)) {
            page.experts().forEach(expert -> hours.add(expert.leftThisWeek()));
        }
        assertThat(hours).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(page("gis", 3).experts()).isEmpty();
    }

    @Test
    void nobodyAvailableIsRecordedAndNearbySkillsAndTheOtherWeekAreSuggested() {
        leeds("U0PLAN", 4, "Planning");
        leeds("U0BUSY", 2, "Housing");
        booked("U0BUSY", thisWeek, 120, clock.instant());

        ExpertSearch.Result plans = search.search(kim, query("plans"));
        assertThat(plans).isInstanceOf(ExpertSearch.Result.Nobody.class);
        assertThat(((ExpertSearch.Result.Nobody) plans).nearbySkills()).containsExactly("Planning");
        assertThat(((ExpertSearch.Result.Nobody) plans).otherWeekHasExperts()).isFalse();

        ExpertSearch.Result housing = search.search(kim, query("housing"));
        assertThat(housing).isInstanceOf(ExpertSearch.Result.Nobody.class);
        assertThat(((ExpertSearch.Result.Nobody) housing).otherWeekHasExperts()).isTrue();

        // The same member repeating a search in the same week counts once; another member counts again.
        search.search(kim, query("plans"));
        fixture.member("U0LEE", "Lee", "york.gov.uk", york);
        search.search(new ExpertSearch.Searcher("U0LEE", york), query("plans, housing"));

        List<SearchDao.DemandRow> demand = search.demand(4);
        assertThat(demand).extracting(SearchDao.DemandRow::term).containsExactly("housing", "plans");
        assertThat(demand.get(0).searches()).isEqualTo(2);
        assertThat(demand.get(0).people()).isEqualTo(2);
        assertThat(demand.get(1).searches()).isEqualTo(2);
        assertThat(demand.get(0).lastSearchedAt().toInstant()).isEqualTo(clock.instant());
    }

    @Test
    void demandCountsTheLastNWeeksOnly() {
        search.search(kim, query("archaeology"));
        clock.advance(Duration.ofDays(21));
        search.search(kim, query("hydrology"));

        assertThat(search.demand(1)).extracting(SearchDao.DemandRow::term).containsExactly("hydrology");
        assertThat(search.demand(3)).extracting(SearchDao.DemandRow::term).containsExactly("hydrology");
        assertThat(search.demand(4)).extracting(SearchDao.DemandRow::term)
                .containsExactlyInAnyOrder("hydrology", "archaeology");
        LocalDate searchedWeek = database.jdbi().withHandle(handle -> handle.createQuery("SELECT week_start"
                + " FROM search_demand WHERE term = 'hydrology'").mapTo(LocalDate.class).one());
        assertThat(searchedWeek).isEqualTo(LocalDate.parse("2026-12-21"));
    }
}
