package org.talentpool.search;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.talentpool.availability.ListingIndex;
import org.talentpool.availability.Weeks;

/**
 * {@code /find-expert}: specialists of other councils whose skills match the search words, ranked by how many
 * words their skills match, then by hours left in the week searched, then by who was booked least recently
 * (fairness). Specialists whose job title or bio matches but no skill come after those. Only searchable
 * specialists (availability's {@code specialist_listing} with an unexpired permission) with hours left are
 * listed. The query is set-based over the skill index; the vocabulary, not the profiles, is matched in Java.
 * A search for which nobody is available is recorded as unmet demand.
 */
public final class ExpertSearch {
    public static final int PAGE_SIZE = 5;
    static final int DEMAND_LIMIT = 10;

    private final Jdbi jdbi;
    private final Clock clock;
    private final ZoneId zone;
    private final ListingIndex listing;
    private final Vocabulary vocabulary = new Vocabulary();
    private volatile LocalDate listingCheckedFor;

    public ExpertSearch(Jdbi jdbi, Clock clock, ZoneId zone) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.zone = zone;
        this.listing = new ListingIndex(jdbi, clock, zone);
    }

    /** Who searches: their council's specialists are left out. */
    public record Searcher(String userId, long councilId) {}

    /**
     * A specialist on a page of results. {@code matchedSkills} are the skills the search words matched (none when
     * only the job title or bio matched); hours are minutes left this week and next.
     */
    public record Expert(String userId, String jobTitle, String bio, String councilName, int overlap,
                         List<String> matchedSkills, List<String> otherSkills, int leftThisWeek, int leftNextWeek) {
        public boolean matchedOnSkills() {
            return !matchedSkills.isEmpty();
        }
    }

    /** The outcome of a search. */
    public sealed interface Result {
        SearchQuery query();

        LocalDate weekStart();

        /** Page {@code page} (from 0) of the results; {@code more} when there is a next page. */
        record Page(SearchQuery query, LocalDate weekStart, int page, List<Expert> experts, boolean more)
                implements Result {}

        /**
         * Nobody is available for the words in the week searched. {@code otherWeekHasExperts} when someone is in
         * the other week (this or next); {@code nearbySkills} are listed skills close to the words.
         */
        record Nobody(SearchQuery query, LocalDate weekStart, boolean otherWeekHasExperts, List<String> nearbySkills)
                implements Result {}
    }

    /** The first page for the week the query names (this week, or next with {@code --next-week}). */
    public Result search(Searcher searcher, SearchQuery query) {
        LocalDate thisWeek = Weeks.thisWeek(clock, zone);
        return search(searcher, query, query.nextWeek() ? thisWeek.plusWeeks(1) : thisWeek, 0);
    }

    /**
     * A page of results for a week (a More button carries the week it was for: a week that has ended since is read
     * as this week).
     */
    public Result search(Searcher searcher, SearchQuery query, LocalDate week, int page) {
        LocalDate thisWeek = Weeks.thisWeek(clock, zone);
        LocalDate weekStart = week.isAfter(thisWeek) ? thisWeek.plusWeeks(1) : thisWeek;
        LocalDate otherWeek = weekStart.isAfter(thisWeek) ? thisWeek : thisWeek.plusWeeks(1);
        int wanted = (page + 1) * PAGE_SIZE + 1;
        ensureListingCurrent(thisWeek);
        return jdbi.inTransaction(handle -> {
            SearchDao dao = handle.attach(SearchDao.class);
            List<SkillMatcher.Skill> skills = vocabulary.skills(dao);
            List<SkillMatcher.Match> matches = SkillMatcher.match(query.terms(), skills);
            List<List<String>> words = SkillMatcher.words(query.terms(), matches);
            List<Ranked> ranked = rank(handle, query.terms(), words, searcher, weekStart, wanted);
            if (ranked.isEmpty() && page == 0) {
                recordDemand(dao, query, searcher, weekStart);
                return new Result.Nobody(query, weekStart,
                        !rank(handle, query.terms(), words, searcher, otherWeek, 1).isEmpty(),
                        nearbySkills(dao, query, matches, skills, searcher));
            }
            int from = page * PAGE_SIZE;
            List<Ranked> shown = ranked.subList(Math.min(from, ranked.size()),
                    Math.min(from + PAGE_SIZE, ranked.size()));
            return new Result.Page(query, weekStart, page, experts(handle, dao, shown, words, searcher, weekStart),
                    ranked.size() > from + PAGE_SIZE);
        });
    }

    /** The listing index is rebuilt once a new week has begun; checked once a week per instance. */
    private void ensureListingCurrent(LocalDate thisWeek) {
        if (!thisWeek.equals(listingCheckedFor)) {
            listing.ensureCurrent();
            listingCheckedFor = thisWeek;
        }
    }

    /** A specialist found in the listing index: how many search words they match, minutes left in the week. */
    record Ranked(String userId, int overlap, int leftMinutes) {}

    /**
     * Up to {@code limit} specialists with hours left in {@code week}, best first: those whose skills match all the
     * search words, then all but one, and so on, each group by hours left and then whoever was booked least
     * recently; then those whose job title or bio has the words. Each group is read from the listing index in its
     * own order and stops at the limit, so a common skill costs no more than a rare one.
     */
    private List<Ranked> rank(Handle handle, List<String> terms, List<List<String>> words, Searcher searcher,
                              LocalDate week, int limit) {
        List<Ranked> found = new ArrayList<>();
        List<Integer> shortestFirst = shortestFirst(handle, words, week);
        LocalDate today = Weeks.today(clock, zone);
        for (int overlap = shortestFirst.size(); overlap >= 1 && found.size() < limit; overlap--) {
            Statement statement = overlapStatement(words, shortestFirst, overlap);
            int tier = overlap;
            handle.createQuery(statement.sql()).bindMap(statement.binds()).bind("week", week).bind("today", today)
                    .bind("councilId", searcher.councilId()).bind("limit", limit - found.size())
                    .map((rs, ctx) -> new Ranked(rs.getString("user_id"), tier, rs.getInt("left_minutes")))
                    .forEach(found::add);
        }
        if (found.size() < limit) {
            Map<String, Object> binds = new LinkedHashMap<>();
            String sql = textStatement(terms, words, binds);
            handle.createQuery(sql).bindMap(binds).bind("week", week).bind("today", today)
                    .bind("councilId", searcher.councilId()).bind("limit", limit - found.size())
                    .map((rs, ctx) -> new Ranked(rs.getString("user_id"), rs.getInt("overlap"),
                            rs.getInt("left_minutes")))
                    .forEach(found::add);
        }
        return found;
    }

    /**
     * The search words that matched skills, those leading to fewest specialists in {@code week} first (by the
     * index's counts as of its last rebuild; a word new since counts as none).
     */
    static List<Integer> shortestFirst(Handle handle, List<List<String>> words, LocalDate week) {
        List<String> all = words.stream().flatMap(List::stream).distinct().toList();
        if (all.isEmpty()) {
            return List.of();
        }
        Map<String, Integer> counts = new java.util.HashMap<>();
        handle.createQuery("SELECT word, specialists FROM listing_word_count WHERE week_start = :week"
                        + " AND word IN (<words>)")
                .bind("week", week).bindList("words", all)
                .map((rs, ctx) -> counts.put(rs.getString("word"), rs.getInt("specialists"))).list();
        List<Integer> terms = new ArrayList<>();
        for (int term = 0; term < words.size(); term++) {
            if (!words.get(term).isEmpty()) {
                terms.add(term);
            }
        }
        terms.sort(Comparator.comparingLong(term -> words.get(term).stream()
                .mapToLong(word -> counts.getOrDefault(word, 0)).sum()));
        return terms;
    }

    /** An SQL statement built from numbers and parameter names only, and its parameters. */
    record Statement(String sql, Map<String, Object> binds) {}

    /**
     * Specialists whose skills match exactly {@code overlap} of the search words that matched skills ({@code terms},
     * those with fewest specialists first), in search order (most hours left in {@code :week}, least recently
     * booked, user ID), at most {@code :limit}; searchable (permission valid {@code :today}) and not of council
     * {@code :councilId}. Such a specialist lacks {@code terms.size() - overlap} of the words, so is found under one
     * of any {@code terms.size() - overlap + 1} of them: the ranges of the index of that many words, the shortest,
     * are read from the top, each only as far as it takes to find {@code :limit} who match that many, counted in
     * the row from the words of all their skills.
     */
    static Statement overlapStatement(List<List<String>> words, List<Integer> terms, int overlap) {
        Map<String, Object> binds = new LinkedHashMap<>();
        // all must match: only the first (shortest) word's ranges are read, so the others are checked
        String matching = overlap == terms.size() ? allOf("p", words, terms.subList(1, terms.size()), binds)
                : overlapExpression("p", words, terms, binds) + " = " + overlap;
        List<String> ranges = new ArrayList<>();
        for (int term : terms.subList(0, terms.size() - overlap + 1)) {
            for (int k = 0; k < words.get(term).size(); k++) {
                binds.put("w" + term + "_" + k, words.get(term).get(k));
                // word and week_start lead the ORDER BY (constant here) so that H2, like PostgreSQL, reads the
                // index in order and stops at the limit
                ranges.add("(SELECT p.user_id, p.left_minutes, p.last_booked_at FROM listing_word p"
                        + " WHERE p.word = :w" + term + "_" + k + " AND p.week_start = :week"
                        + " AND p.council_id <> :councilId AND p.expires_on > :today"
                        + (terms.size() > 1 ? " AND " + matching : "")
                        + " ORDER BY p.word, p.week_start, p.left_minutes DESC, p.last_booked_at, p.user_id"
                        + " LIMIT :limit)");
            }
        }
        return new Statement("SELECT r.user_id, MAX(r.left_minutes) AS left_minutes,"
                + " MAX(r.last_booked_at) AS last_booked_at FROM (" + String.join(" UNION ALL ", ranges) + ") r"
                + " GROUP BY r.user_id ORDER BY MAX(r.left_minutes) DESC, MAX(r.last_booked_at), r.user_id LIMIT :limit",
                binds);
    }

    /**
     * How many of {@code terms} a row's {@code words} column (all the words of a specialist's skills, " gis python ")
     * has one of the words of, as SQL; its parameters go to {@code binds}.
     */
    private static String overlapExpression(String row, List<List<String>> words, List<Integer> terms,
                                            Map<String, Object> binds) {
        return "(" + terms.stream().map(term -> "CASE WHEN " + has(row, words, term, binds) + " THEN 1 ELSE 0 END")
                .collect(Collectors.joining(" + ")) + ")";
    }

    /** That a row's {@code words} has one of the words of every one of {@code terms}, shortest list first. */
    private static String allOf(String row, List<List<String>> words, List<Integer> terms, Map<String, Object> binds) {
        return terms.stream().map(term -> has(row, words, term, binds)).collect(Collectors.joining(" AND "));
    }

    /** That a row's {@code words} has one of the words search word {@code term} matched, as SQL. */
    private static String has(String row, List<List<String>> words, int term, Map<String, Object> binds) {
        List<String> any = new ArrayList<>();
        for (int k = 0; k < words.get(term).size(); k++) {
            binds.put("m" + term + "_" + k, " " + words.get(term).get(k) + " ");
            any.add("POSITION(:m" + term + "_" + k + " IN " + row + ".words) > 0");
        }
        return "(" + String.join(" OR ", any) + ")";
    }

    /**
     * Specialists without a matched skill whose job title or bio contains the search words (a word of 4+ letters
     * anywhere, a shorter one at the start of a word), most words first, then in search order. This scans the
     * profiles, so it runs only when skill matches do not fill the page.
     */
    static String textStatement(List<String> terms, List<List<String>> words, Map<String, Object> binds) {
        List<String> conditions = new ArrayList<>();
        for (int i = 0; i < terms.size(); i++) {
            String term = terms.get(i);
            binds.put("t" + i, term.length() >= 4 ? "%" + term + "%" : "% " + term + "%");
            conditions.add("t.text LIKE :t" + i);
        }
        String score = conditions.stream().map(condition -> "CASE WHEN " + condition + " THEN 1 ELSE 0 END")
                .collect(Collectors.joining(" + "));
        List<Integer> matched = new ArrayList<>();
        for (int term = 0; term < words.size(); term++) {
            if (!words.get(term).isEmpty()) {
                matched.add(term);
            }
        }
        String withoutSkillMatch = matched.isEmpty() ? ""
                : " AND " + overlapExpression("t", words, matched, binds) + " = 0";
        return "SELECT t.user_id, " + score + " AS overlap, t.left_minutes FROM (SELECT s.user_id, l.left_minutes,"
                + " l.last_booked_at, l.words, ' ' || LOWER(REPLACE(s.job_title || ' ' || s.bio, CHR(10), ' ')) AS text"
                + " FROM specialist s JOIN listing_week l ON l.user_id = s.user_id AND l.week_start = :week"
                + " AND l.council_id <> :councilId AND l.expires_on > :today) t"
                + " WHERE (" + String.join(" OR ", conditions) + ")" + withoutSkillMatch
                + " ORDER BY " + score + " DESC, t.left_minutes DESC, t.last_booked_at, t.user_id LIMIT :limit";
    }

    /**
     * The specialists on a page as they are now: their profile and hours read from the tables the listing index is
     * built from, so that what a member sees is never stale; one no longer listed, or without hours left in the week
     * searched, is left out.
     */
    private List<Expert> experts(Handle handle, SearchDao dao, List<Ranked> rows, List<List<String>> words,
                                 Searcher searcher, LocalDate weekStart) {
        if (rows.isEmpty()) {
            return List.of();
        }
        LocalDate thisWeek = Weeks.thisWeek(clock, zone);
        boolean nextWeek = weekStart.isAfter(thisWeek);
        List<String> ids = rows.stream().map(Ranked::userId).toList();
        Map<String, SearchDao.Listed> listed = handle.createQuery("SELECT l.user_id, l.job_title, l.bio,"
                        + " l.council_name, " + ListingIndex.leftMinutes("l", "tw", ":thisWeek") + " AS left_this_week, "
                        + ListingIndex.leftMinutes("l", "nw", ":nextWeek") + " AS left_next_week"
                        // joined from the specialists by their key, so that H2 reads the view for them alone
                        + " FROM specialist s JOIN specialist_listing l ON l.user_id = s.user_id"
                        + " LEFT JOIN specialist_week tw ON tw.user_id = l.user_id AND tw.week_start = :thisWeek"
                        + " LEFT JOIN specialist_week nw ON nw.user_id = l.user_id AND nw.week_start = :nextWeek"
                        + " WHERE s.user_id IN (<ids>) AND l.permission_expires_on > :today"
                        + " AND l.council_id <> :councilId")
                .bindList("ids", ids).bind("thisWeek", thisWeek).bind("nextWeek", thisWeek.plusWeeks(1))
                .bind("today", Weeks.today(clock, zone)).bind("councilId", searcher.councilId())
                .map(ConstructorMapper.of(SearchDao.Listed.class)).stream()
                .collect(Collectors.toMap(SearchDao.Listed::userId, row -> row));
        Set<String> matchedWords = words.stream().flatMap(List::stream).collect(Collectors.toSet());
        Map<String, List<SearchDao.SkillOf>> skills = dao.skillsOf(ids).stream()
                .collect(Collectors.groupingBy(SearchDao.SkillOf::userId));
        List<Expert> experts = new ArrayList<>();
        for (Ranked row : rows) {
            SearchDao.Listed now = listed.get(row.userId());
            if (now == null || (nextWeek ? now.leftNextWeek() : now.leftThisWeek()) <= 0) {
                continue;
            }
            List<SearchDao.SkillOf> theirs = skills.getOrDefault(row.userId(), List.of());
            java.util.function.Predicate<SearchDao.SkillOf> matched = skill -> ListingIndex.words(skill.name())
                    .stream().anyMatch(matchedWords::contains);
            experts.add(new Expert(row.userId(), now.jobTitle(), now.bio(), now.councilName(), row.overlap(),
                    theirs.stream().filter(matched).map(SearchDao.SkillOf::displayName).toList(),
                    theirs.stream().filter(matched.negate()).map(SearchDao.SkillOf::displayName).toList(),
                    now.leftThisWeek(), now.leftNextWeek()));
        }
        return experts;
    }

    /** Nobody available: the words are recorded as unmet demand, once per member and week. */
    private void recordDemand(SearchDao dao, SearchQuery query, Searcher searcher, LocalDate weekStart) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (String term : query.terms()) {
            dao.recordDemand(term, weekStart, searcher.userId(), now);
        }
    }

    private List<String> nearbySkills(SearchDao dao, SearchQuery query, List<SkillMatcher.Match> matches,
                                      List<SkillMatcher.Skill> skills, Searcher searcher) {
        Set<Long> matched = new HashSet<>(matches.stream().map(match -> match.skill().id()).toList());
        List<SkillMatcher.Skill> near = SkillMatcher.nearby(query.terms(), skills, matched);
        if (near.isEmpty()) {
            return List.of();
        }
        List<SkillMatcher.Skill> considered = near.subList(0, Math.min(50, near.size()));
        Map<Long, Integer> listed = dao.listings(considered.stream().map(SkillMatcher.Skill::id).toList(),
                        Weeks.today(clock, zone), searcher.councilId()).stream()
                .collect(Collectors.toMap(SearchDao.SkillListings::skillId, SearchDao.SkillListings::specialists));
        return considered.stream().filter(skill -> listed.getOrDefault(skill.id(), 0) > 0)
                .limit(SkillMatcher.NEARBY_LIMIT).map(SkillMatcher.Skill::displayName).toList();
    }

    /** Unmet demand over the last {@code weeks} weeks (this week and the ones before), most searched first. */
    public List<SearchDao.DemandRow> demand(int weeks) {
        OffsetDateTime since = Weeks.startOf(Weeks.thisWeek(clock, zone).minusWeeks(weeks - 1L), zone)
                .atOffset(java.time.ZoneOffset.UTC);
        return jdbi.withExtension(SearchDao.class, dao -> dao.demand(since, DEMAND_LIMIT));
    }
}
