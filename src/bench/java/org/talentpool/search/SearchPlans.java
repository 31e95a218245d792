package org.talentpool.search;

import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * For the search benchmark (in the search package to reuse its package-private pieces, not a second search): the
 * PostgreSQL plan of the ranked query {@link ExpertSearch} runs first for a query (specialists matching every search
 * word, from the listing index), built as it builds it ({@link SkillMatcher} over the vocabulary,
 * {@link ExpertSearch#overlapStatement}), with {@code EXPLAIN (ANALYZE, BUFFERS)}, in a transaction rolled back.
 */
public final class SearchPlans {
    private SearchPlans() {}

    public static String explain(Jdbi jdbi, SearchQuery query, ExpertSearch.Searcher searcher, LocalDate week,
                                 LocalDate today) {
        StringBuilder text = new StringBuilder();
        jdbi.useHandle(handle -> {
            handle.begin();
            try {
                SkillMatcher.Lexicon lexicon = new Vocabulary().lexicon(handle);
                List<SkillMatcher.Match> matches = SkillMatcher.match(query.terms(), lexicon);
                List<List<String>> words = SkillMatcher.words(query.terms(), matches);
                ExpertSearch.Order order = ExpertSearch.Order.of(words,
                        ExpertSearch.WordCounts.read(handle, words, week), lexicon);
                List<Integer> terms = order.terms();
                if (terms.isEmpty()) {
                    text.append("-- no skill matches \"").append(query.words()).append("\": nothing to explain\n");
                    return;
                }
                text.append("-- /find-expert ").append(query.words()).append(": ").append(matches.size())
                        .append(" skills matched; vocabulary words looked up for each search word: ").append(words);
                ExpertSearch.Statement statement;
                if (order.from() < terms.size()) {
                    text.append("; nobody is expected to match more than ").append(order.from()).append(" of ")
                            .append(terms.size()).append(" words: the groups from all words down to that are read at"
                                    + " once\n");
                    statement = order.band(true);
                } else {
                    text.append("; some are expected to match all words: only the range of the search word with"
                            + " fewest specialists is read\n");
                    statement = order.group(terms.size(), true);
                }
                handle.createQuery("EXPLAIN (ANALYZE, BUFFERS) " + statement.sql()).bindMap(statement.binds())
                        .bind("week", week).bind("today", today).bind("councilId", searcher.councilId())
                        .bind("limit", ExpertSearch.PAGE_SIZE + 1)
                        .mapTo(String.class).forEach(line -> text.append(line).append('\n'));
            } finally {
                handle.rollback();
            }
        });
        return text.toString();
    }
}
