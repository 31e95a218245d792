package org.talentpool.search;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;

/**
 * For the search benchmark (in the search package to reuse its package-private pieces, not a second search): the
 * PostgreSQL plan of the ranked specialists query {@link ExpertSearch} runs for a query, built as it builds it
 * ({@link SkillMatcher} over the vocabulary, {@link ExpertSearch#skillCandidates}, {@code SearchDao/experts.sql}),
 * with {@code EXPLAIN (ANALYZE, BUFFERS)}, executed in a transaction that is rolled back.
 */
public final class SearchPlans {
    private SearchPlans() {}

    public static String explain(Jdbi jdbi, SearchQuery query, ExpertSearch.Searcher searcher, LocalDate thisWeek,
                                 LocalDate today) {
        String experts = ClasspathSqlLocator.create().locate(SearchDao.class, "experts");
        StringBuilder text = new StringBuilder();
        jdbi.useHandle(handle -> {
            handle.begin();
            try {
                SearchDao dao = handle.attach(SearchDao.class);
                SkillMatcher.Condition candidates = SkillMatcher.candidates(query.terms());
                List<SkillMatcher.Match> matches = SkillMatcher.match(query.terms(),
                        dao.skills(candidates.sql(), candidates.binds()));
                if (matches.isEmpty()) {
                    text.append("-- no skill matches \"").append(query.words()).append("\": nothing to explain\n");
                    return;
                }
                text.append("-- /find-expert ").append(query.words()).append(": ").append(matches.size())
                        .append(" skills matched: ").append(matches.stream().map(match -> match.skill().displayName())
                                .toList()).append('\n');
                handle.createQuery("EXPLAIN (ANALYZE, BUFFERS) " + experts)
                        .define("candidates", ExpertSearch.skillCandidates(matches))
                        .bindMap(Map.of())
                        .bind("thisWeek", thisWeek).bind("nextWeek", thisWeek.plusWeeks(1))
                        .bind("searchNextWeek", false).bind("today", today)
                        .bind("councilId", searcher.councilId()).bind("limit", ExpertSearch.PAGE_SIZE + 1)
                        .mapTo(String.class).forEach(line -> text.append(line).append('\n'));
            } finally {
                handle.rollback();
            }
        });
        return text.toString();
    }
}
