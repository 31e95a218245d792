package org.talentpool.availability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The word bits of the listing index (V11): one of 63 a word, the same in every process and release. */
public class ListingIndexBitTest {
    @Test
    void aWordSetsOneOfSixtyThreeBitsAndNeverTheSignBit() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            long bit = ListingIndex.bit("word" + i);
            assertThat(Long.bitCount(bit)).isEqualTo(1);
            assertThat(bit).isPositive();
            seen.add(bit);
        }
        assertThat(seen).hasSize(63);
    }

    @Test
    void bitsAreFixedBecauseRowsBuiltWithOthersWouldBeWrong() {
        // Changing ListingIndex.bit needs a migration that empties the index (as V11 does): these pin it.
        assertThat(Long.numberOfTrailingZeros(ListingIndex.bit("gis"))).isEqualTo(8);
        assertThat(Long.numberOfTrailingZeros(ListingIndex.bit("python"))).isEqualTo(43);
        assertThat(Long.numberOfTrailingZeros(ListingIndex.bit("planning"))).isEqualTo(50);
    }

    @Test
    void bitsOfWordsAreEachOnce() {
        String collider = collidingWith("gis");
        assertThat(ListingIndex.bits(List.of("gis", collider, "python")))
                .containsExactly(ListingIndex.bit("gis"), ListingIndex.bit("python"));
    }

    /** A word other than {@code word} with its bit (one in 63 are). */
    public static String collidingWith(String word) {
        for (int i = 0; ; i++) {
            String candidate = "zulu" + (char) ('a' + i % 26) + (char) ('a' + i / 26 % 26);
            if (ListingIndex.bit(candidate) == ListingIndex.bit(word)) {
                return candidate;
            }
        }
    }
}
