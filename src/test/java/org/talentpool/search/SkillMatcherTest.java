package org.talentpool.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Matching search words against the skill vocabulary: exact, prefix and one-typo matches, and nearby skills. */
class SkillMatcherTest {
    private static final List<SkillMatcher.Skill> VOCABULARY = List.of(
            skill(1, "gis"), skill(2, "planning"), skill(3, "planning enforcement"), skill(4, "python"),
            skill(5, "user research"), skill(6, "planting"), skill(7, "data"), skill(8, "database design"),
            skill(9, "r"), skill(10, "research ops"));

    private static SkillMatcher.Skill skill(long id, String name) {
        return new SkillMatcher.Skill(id, name, name.toUpperCase());
    }

    private static List<String> matched(String... terms) {
        return SkillMatcher.match(List.of(terms), VOCABULARY).stream()
                .map(match -> match.term() + ":" + match.skill().name() + ":" + match.kind()).toList();
    }

    @Test
    void exactWordsComeFirstThenPrefixesShorterNamesFirst() {
        assertThat(matched("planning")).containsExactly("0:planning:EXACT", "0:planning enforcement:EXACT");
        assertThat(matched("plan")).containsExactly("0:planning:PREFIX", "0:planting:PREFIX",
                "0:planning enforcement:PREFIX");
        assertThat(matched("research")).containsExactly("0:research ops:EXACT", "0:user research:EXACT");
        assertThat(matched("data")).containsExactly("0:data:EXACT", "0:database design:PREFIX");
        assertThat(matched("gis", "python")).containsExactly("0:gis:EXACT", "1:python:EXACT");
    }

    @Test
    void aSkillMatchedByTwoOfItsWordsIsListedOnceByItsBestWord() {
        List<SkillMatcher.Skill> vocabulary = List.of(skill(1, "data database"), skill(2, "database data data"),
                skill(3, "databases"));
        assertThat(SkillMatcher.match(List.of("data"), vocabulary)).extracting(match -> match.skill().id() + ":"
                + match.kind()).containsExactly("1:EXACT", "2:EXACT", "3:PREFIX");
    }

    @Test
    void oneTypoIsForgivenInWordsOfFiveLettersWhenNothingMatchesDirectly() {
        assertThat(matched("planing")).containsExactly("0:planning:TYPO", "0:planting:TYPO",
                "0:planning enforcement:TYPO");
        assertThat(matched("pyhton")).containsExactly("0:python:TYPO");
        assertThat(matched("enforcment")).containsExactly("0:planning enforcement:TYPO");
        assertThat(matched("reserch")).containsExactly("0:research ops:TYPO", "0:user research:TYPO");
        // Too short for typo tolerance, and "r" only matches the skill "R" itself.
        assertThat(matched("gsi")).isEmpty();
        assertThat(matched("r")).containsExactly("0:r:EXACT");
        assertThat(matched("pythons")).containsExactly("0:python:TYPO");
        assertThat(matched("plantingg")).containsExactly("0:planting:TYPO");
        assertThat(matched("xylophone")).isEmpty();
    }

    @Test
    void editDistances() {
        assertThat(SkillMatcher.withinOneEdit("planing", "planning")).isTrue();
        assertThat(SkillMatcher.withinOneEdit("planning", "planing")).isTrue();
        assertThat(SkillMatcher.withinOneEdit("pyhton", "python")).isTrue();
        assertThat(SkillMatcher.withinOneEdit("pythan", "python")).isTrue();
        assertThat(SkillMatcher.withinOneEdit("yphton", "python")).isFalse();
        assertThat(SkillMatcher.withinOneEdit("plans", "planning")).isFalse();
        assertThat(SkillMatcher.distance("plans", "planning")).isEqualTo(4);
        assertThat(SkillMatcher.distance("pyhton", "python")).isEqualTo(1);
        assertThat(SkillMatcher.distance("gis", "gis")).isZero();
        assertThat(SkillMatcher.distance("", "abc")).isEqualTo(3);
    }

    @Test
    void nearbySkillsShareTheStartOrAreWithinTwoTypos() {
        assertThat(SkillMatcher.nearby(List.of("plans"), VOCABULARY, Set.of()))
                .extracting(SkillMatcher.Skill::name).containsExactly("planning", "planning enforcement", "planting");
        assertThat(SkillMatcher.nearby(List.of("pyton"), VOCABULARY, Set.of()))
                .extracting(SkillMatcher.Skill::name).containsExactly("python");
        assertThat(SkillMatcher.nearby(List.of("plans"), VOCABULARY, Set.of(2L)))
                .extracting(SkillMatcher.Skill::name).doesNotContain("planning");
    }

    @Test
    void theWordsASearchWordMatchedAreTheOnesItsSkillsMatchedBy() {
        List<String> terms = List.of("plan", "pyhton");
        List<SkillMatcher.Match> matches = SkillMatcher.match(terms, VOCABULARY);
        // "plan" starts planning and planting (by prefix), not enforcement; "pyhton" is one swap from python
        assertThat(SkillMatcher.words(terms, matches)).containsExactly(List.of("planning", "planting"),
                List.of("python"));
    }

    @Test
    void aSearchWordImpliesAnotherWhenEverySkillWithItsWordsHasOneOfTheOthers() {
        SkillMatcher.Lexicon lexicon = SkillMatcher.Lexicon.of(List.of(skill(1, "street lighting"),
                skill(2, "street lighting design"), skill(3, "adult care"), skill(4, "social care"),
                skill(5, "planning"), skill(6, "planning enforcement")));
        // street, lighting, adult, care, plan (planning), enforcement
        List<List<String>> words = List.of(List.of("street"), List.of("lighting"), List.of("adult"), List.of("care"),
                List.of("planning"), List.of("enforcement"));

        int[] implies = SkillMatcher.implications(words, lexicon);

        // street and lighting always come together; adult only with care, care also without adult; enforcement
        // only with planning, planning also alone; each implies itself
        assertThat(implies).containsExactly(0b000011, 0b000011, 0b001100, 0b001000, 0b010000, 0b110000);
        // a search word's words count together: one matched as care or social is implied by adult, implies neither
        List<List<String>> synonyms = List.of(List.of("adult"), List.of("care", "social"));
        assertThat(SkillMatcher.implications(synonyms, lexicon)).containsExactly(0b11, 0b10);
    }
}
