package org.talentpool.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where search expects anyone at all ({@link ExpertSearch#fillsFrom}), from the index's counts alone. */
class RankEstimateTest {
    private static final List<List<String>> WORDS = List.of(List.of("alpha"), List.of("bravo"), List.of("charlie"),
            List.of("delta"), List.of("echo"), List.of("foxtrot"));
    private static final List<Integer> ALL = List.of(0, 1, 2, 3, 4, 5);

    private static ExpertSearch.WordCounts counts(int specialists, int each) {
        return new ExpertSearch.WordCounts(Map.of("alpha", each, "bravo", each, "charlie", each, "delta", each,
                "echo", each, "foxtrot", each), specialists);
    }

    @Test
    void commonWordsAreExpectedAllTogether() {
        // half of 100,000 specialists each: 1,562 expected to have all six
        assertThat(ExpertSearch.fillsFrom(WORDS, ALL, counts(100_000, 50_000))).isEqualTo(6);
    }

    @Test
    void wordsOfFivePercentEachAreExpectedThreeOrFourAtATime() {
        // 5 % each of 100,000: all six 1.6e-3, five or more 0.18, four or more 8.5 expected
        assertThat(ExpertSearch.fillsFrom(WORDS, ALL, counts(100_000, 5_000))).isEqualTo(4);
    }

    @Test
    void aWordsSynonymsAddUp() {
        List<List<String>> words = List.of(List.of("alpha", "bravo", "charlie"), List.of("delta"));
        ExpertSearch.WordCounts counts = new ExpertSearch.WordCounts(Map.of("alpha", 300, "bravo", 300,
                "charlie", 300, "delta", 1_000), 10_000);
        // 9 % and 10 % of 10,000: 90 expected to have both
        assertThat(ExpertSearch.fillsFrom(words, List.of(0, 1), counts)).isEqualTo(2);
        // one word alone: 3 % and 10 %: still 30
        assertThat(ExpertSearch.fillsFrom(List.of(List.of("alpha"), List.of("delta")), List.of(0, 1), counts))
                .isEqualTo(2);
    }

    @Test
    void rareWordsExpectNobodyBeyondOne() {
        assertThat(ExpertSearch.fillsFrom(WORDS, ALL, counts(100_000, 10))).isEqualTo(1);
    }

    @Test
    void withoutCountsEveryGroupIsReadInTurn() {
        assertThat(ExpertSearch.fillsFrom(WORDS, ALL, new ExpertSearch.WordCounts(Map.of(), 0))).isEqualTo(6);
    }

    @Test
    void theShortestWordsComeFirstAndUnknownWordsCountAsNone() {
        ExpertSearch.WordCounts counts = new ExpertSearch.WordCounts(Map.of("alpha", 50, "bravo", 5, "charlie", 20),
                100);
        assertThat(ExpertSearch.shortestFirst(List.of(List.of("alpha"), List.of(), List.of("bravo"),
                List.of("charlie"), List.of("zulu")), counts)).containsExactly(4, 2, 3, 0);
    }
}
