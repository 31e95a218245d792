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

    @Test
    void searchWordsImplyingOneAnotherAreExpectedTogether() {
        // four words of 1 % each of 100,000: independently 0.4 expected to have three of them, 60 two
        List<List<String>> words = WORDS.subList(0, 4);
        List<Integer> terms = List.of(0, 1, 2, 3);
        ExpertSearch.WordCounts counts = counts(100_000, 1_000);
        assertThat(ExpertSearch.fillsFrom(words, terms, counts)).isEqualTo(2);
        // alpha and bravo always together, charlie and delta too: 10 expected to have all four
        assertThat(ExpertSearch.fillsFrom(words, terms, counts, new int[] {0b0011, 0b0011, 0b1100, 0b1100}))
                .isEqualTo(4);
        // alpha only with bravo (1 %), bravo also without it (10 %), charlie and delta apart (1 % each): those with
        // alpha have two, so 10,000 × 1 % × (about 2 %) = 2 are expected to have three; independently 0.3
        ExpertSearch.WordCounts skewed = new ExpertSearch.WordCounts(Map.of("alpha", 100, "bravo", 1_000,
                "charlie", 100, "delta", 100), 10_000);
        assertThat(ExpertSearch.fillsFrom(words, terms, skewed, new int[] {0b0011, 0b0010, 0b0100, 0b1000}))
                .isEqualTo(3);
        assertThat(ExpertSearch.fillsFrom(words, terms, skewed)).isEqualTo(2);
    }

    @Test
    void theCheapestRangesLeadToEveryoneLackingFewerThanSoManyWords() {
        long[] sizes = {10, 20, 30, 40};
        int[] alone = {0b0001, 0b0010, 0b0100, 0b1000};
        // anyone lacking fewer than two of the words has one of the two shortest
        assertThat(ExpertSearch.cheapestCover(2, alone, sizes)).isEqualTo(0b0011);
        assertThat(ExpertSearch.cheapestCover(4, alone, sizes)).isEqualTo(0b1111);
        assertThat(ExpertSearch.cheapestCover(0, alone, sizes)).isZero();
        // bravo and charlie always together: whoever lacks charlie lacks bravo, so charlie's range alone leads to
        // everyone lacking fewer than two of the words (cheaper than alpha's and bravo's, 30 rows)...
        int[] pair = {0b0001, 0b0110, 0b0110, 0b1000};
        assertThat(ExpertSearch.cheapestCover(2, pair, new long[] {20, 25, 25, 40})).isEqualTo(0b0010);
        assertThat(ExpertSearch.lackedWith(0b0010, pair)).isEqualTo(0b0110);
        // ...but not when alpha's and delta's are fewer rows than it
        assertThat(ExpertSearch.cheapestCover(2, pair, new long[] {5, 25, 25, 10})).isEqualTo(0b1001);
        // alpha only with bravo: lacking bravo is lacking both, lacking alpha is not
        int[] chain = {0b0011, 0b0010, 0b0100, 0b1000};
        assertThat(ExpertSearch.lackedWith(0b0001, chain)).isEqualTo(0b0001);
        assertThat(ExpertSearch.cheapestCover(2, chain, new long[] {10, 15, 30, 40})).isEqualTo(0b0010);
    }
}
