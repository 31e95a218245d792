package org.talentpool.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
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
    void theDatabaseConditionLetsThroughEverySkillAWordMatches() {
        Random random = new Random(7);
        String letters = "abcdefghijklmnopqrstuvwxyz";
        List<SkillMatcher.Skill> vocabulary = new ArrayList<>();
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            StringBuilder word = new StringBuilder();
            for (int j = 0; j < 3 + random.nextInt(7); j++) {
                word.append(letters.charAt(random.nextInt(letters.length())));
            }
            String name = random.nextBoolean() ? word.toString() : "x" + i + " " + word;
            vocabulary.add(skill(i, name));
            // A search word one random edit (or a prefix) away from the skill's last word.
            terms.add(edit(word.toString(), random, letters));
        }
        for (String term : terms) {
            SkillMatcher.Condition condition = SkillMatcher.candidates(List.of(term));
            List<SkillMatcher.Skill> passed = vocabulary.stream().filter(skill -> holds(condition, skill.name()))
                    .toList();
            List<SkillMatcher.Skill> matchedInAll = SkillMatcher.match(List.of(term), vocabulary).stream()
                    .map(SkillMatcher.Match::skill).toList();
            List<SkillMatcher.Skill> matchedInPassed = SkillMatcher.match(List.of(term), passed).stream()
                    .map(SkillMatcher.Match::skill).toList();
            assertThat(matchedInPassed).as("matches of %s", term).isEqualTo(matchedInAll);
        }
    }

    private static String edit(String word, Random random, String letters) {
        int at = random.nextInt(word.length());
        char letter = letters.charAt(random.nextInt(letters.length()));
        return switch (random.nextInt(5)) {
            case 0 -> word.substring(0, at) + letter + word.substring(at);
            case 1 -> word.length() > 1 ? word.substring(0, at) + word.substring(at + 1) : word;
            case 2 -> word.substring(0, at) + letter + word.substring(at + 1);
            case 3 -> at + 1 < word.length()
                    ? word.substring(0, at) + word.charAt(at + 1) + word.charAt(at) + word.substring(at + 2) : word;
            default -> word.substring(0, Math.max(2, at));
        };
    }

    /** Evaluates the SQL condition (ORs of {@code name LIKE :param}) on a name, as the database would. */
    private static boolean holds(SkillMatcher.Condition condition, String name) {
        for (String alternative : condition.sql().split(" OR ")) {
            String param = alternative.substring(alternative.indexOf(':') + 1).trim();
            if (like(name, (String) condition.binds().get(param))) {
                return true;
            }
        }
        return false;
    }

    private static boolean like(String value, String pattern) {
        String regex = Pattern.quote(pattern).replace("%", "\\E.*\\Q");
        return Pattern.compile(regex, Pattern.DOTALL).matcher(value).matches();
    }

    @Test
    void conditionsNameOnlyParameters() {
        SkillMatcher.Condition condition = SkillMatcher.candidates(List.of("gis", "planning"));
        assertThat(condition.sql()).isEqualTo("name LIKE :p0 OR name LIKE :p0w OR name LIKE :h1 OR name LIKE :h1w"
                + " OR name LIKE :t1 OR name LIKE :tw1");
        assertThat(condition.binds()).isEqualTo(Map.of("p0", "gis%", "p0w", "% gis%", "h1", "pl%", "h1w", "% pl%",
                "t1", "%ng", "tw1", "%ng %"));
    }
}
