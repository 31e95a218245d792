package org.talentpool.search;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
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

    public ExpertSearch(Jdbi jdbi, Clock clock, ZoneId zone) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.zone = zone;
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
        boolean nextWeek = weekStart.isAfter(thisWeek);
        int wanted = (page + 1) * PAGE_SIZE + 1;
        return jdbi.inTransaction(handle -> {
            SearchDao dao = handle.attach(SearchDao.class);
            SkillMatcher.Condition candidates = SkillMatcher.candidates(query.terms());
            List<SkillMatcher.Match> matches = SkillMatcher.match(query.terms(),
                    dao.skills(candidates.sql(), candidates.binds()));
            List<SearchDao.ExpertRow> found = find(dao, query, matches, searcher, nextWeek, wanted);
            List<SearchDao.ExpertRow> available = found.stream().filter(row -> left(row, nextWeek) > 0).toList();
            if (available.isEmpty() && page == 0) {
                recordDemand(dao, query, searcher, weekStart);
                return new Result.Nobody(query, weekStart, !found.isEmpty(),
                        nearbySkills(dao, query, matches, searcher));
            }
            int from = page * PAGE_SIZE;
            List<SearchDao.ExpertRow> shown = available.subList(Math.min(from, available.size()),
                    Math.min(from + PAGE_SIZE, available.size()));
            return new Result.Page(query, weekStart, page, experts(dao, shown, matches),
                    available.size() > from + PAGE_SIZE);
        });
    }

    private static int left(SearchDao.ExpertRow row, boolean nextWeek) {
        return nextWeek ? row.leftNextWeek() : row.leftThisWeek();
    }

    /**
     * Up to {@code limit} specialists with hours left in the week searched, best first (skill matches, then title
     * and bio matches), followed by some with hours only in the other week when there are fewer.
     */
    private List<SearchDao.ExpertRow> find(SearchDao dao, SearchQuery query, List<SkillMatcher.Match> matches,
                                           Searcher searcher, boolean nextWeek, int limit) {
        LocalDate thisWeek = Weeks.thisWeek(clock, zone);
        LocalDate today = Weeks.today(clock, zone);
        List<SearchDao.ExpertRow> bySkill = matches.isEmpty() ? List.of()
                : dao.experts(skillCandidates(matches), Map.of(), thisWeek, thisWeek.plusWeeks(1), nextWeek, today,
                        searcher.councilId(), limit);
        List<SearchDao.ExpertRow> available = new ArrayList<>(bySkill.stream()
                .filter(row -> left(row, nextWeek) > 0).toList());
        List<SearchDao.ExpertRow> otherWeekOnly = new ArrayList<>(bySkill.stream()
                .filter(row -> left(row, nextWeek) == 0).toList());
        if (available.size() < limit) {
            Map<String, Object> binds = new LinkedHashMap<>();
            for (SearchDao.ExpertRow row : dao.experts(textCandidates(query.terms(), matches, binds), binds, thisWeek,
                    thisWeek.plusWeeks(1), nextWeek, today, searcher.councilId(), limit - available.size())) {
                (left(row, nextWeek) > 0 ? available : otherWeekOnly).add(row);
            }
        }
        available.addAll(otherWeekOnly);
        return available;
    }

    /** Specialists with matched skills and how many search words they match, through the skill index. */
    static String skillCandidates(List<SkillMatcher.Match> matches) {
        String pairs = matches.stream().map(match -> "(" + match.term() + ", " + match.skill().id() + ")")
                .collect(Collectors.joining(", "));
        return "SELECT ss.user_id, COUNT(DISTINCT q.term) AS overlap FROM (VALUES " + pairs + ") AS q (term, skill_id)"
                + " JOIN specialist_skill ss ON ss.skill_id = q.skill_id GROUP BY ss.user_id";
    }

    /**
     * Specialists without a matched skill whose job title or bio contains the search words (a word of 4+ letters
     * anywhere, a shorter one at the start of a word), and how many of the words. This scans the profiles, so it
     * runs only when skill matches do not fill the page.
     */
    static String textCandidates(List<String> terms, List<SkillMatcher.Match> matches, Map<String, Object> binds) {
        List<String> conditions = new ArrayList<>();
        for (int i = 0; i < terms.size(); i++) {
            String term = terms.get(i);
            binds.put("w" + i, term.length() >= 4 ? "%" + term + "%" : "% " + term + "%");
            conditions.add("t.text LIKE :w" + i);
        }
        String score = conditions.stream().map(condition -> "CASE WHEN " + condition + " THEN 1 ELSE 0 END")
                .collect(Collectors.joining(" + "));
        String withoutSkillMatch = matches.isEmpty() ? ""
                : " AND NOT EXISTS (SELECT 1 FROM specialist_skill ss WHERE ss.user_id = t.user_id AND ss.skill_id IN ("
                        + matches.stream().map(match -> String.valueOf(match.skill().id())).distinct()
                                .collect(Collectors.joining(", ")) + "))";
        return "SELECT t.user_id, " + score + " AS overlap FROM (SELECT s.user_id, ' ' || LOWER(REPLACE(s.job_title"
                + " || ' ' || s.bio, CHR(10), ' ')) AS text FROM specialist s) t"
                + " WHERE (" + String.join(" OR ", conditions) + ")" + withoutSkillMatch;
    }

    private List<Expert> experts(SearchDao dao, List<SearchDao.ExpertRow> rows, List<SkillMatcher.Match> matches) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Set<Long> matchedIds = matches.stream().map(match -> match.skill().id()).collect(Collectors.toSet());
        Map<String, List<SearchDao.SkillOf>> skills = dao.skillsOf(rows.stream().map(SearchDao.ExpertRow::userId)
                .toList()).stream().collect(Collectors.groupingBy(SearchDao.SkillOf::userId));
        List<Expert> experts = new ArrayList<>();
        for (SearchDao.ExpertRow row : rows) {
            List<SearchDao.SkillOf> theirs = skills.getOrDefault(row.userId(), List.of());
            experts.add(new Expert(row.userId(), row.jobTitle(), row.bio(), row.councilName(), row.overlap(),
                    theirs.stream().filter(skill -> matchedIds.contains(skill.skillId()))
                            .map(SearchDao.SkillOf::displayName).toList(),
                    theirs.stream().filter(skill -> !matchedIds.contains(skill.skillId()))
                            .map(SearchDao.SkillOf::displayName).toList(),
                    row.leftThisWeek(), row.leftNextWeek()));
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
                                      Searcher searcher) {
        SkillMatcher.Condition condition = SkillMatcher.nearbyCandidates(query.terms());
        Set<Long> matched = new HashSet<>(matches.stream().map(match -> match.skill().id()).toList());
        List<SkillMatcher.Skill> near = SkillMatcher.nearby(query.terms(),
                dao.skills(condition.sql(), condition.binds()), matched);
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
