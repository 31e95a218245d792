package org.talentpool.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading {@code /find-expert} text: words normalised as skills are, options, and malformed text. */
class SearchQueryTest {

    private static SearchQuery query(String text) {
        SearchQuery.Parsed parsed = SearchQuery.parse(text);
        assertThat(parsed).isInstanceOf(SearchQuery.Parsed.Query.class);
        return ((SearchQuery.Parsed.Query) parsed).query();
    }

    private static String invalid(String text) {
        SearchQuery.Parsed parsed = SearchQuery.parse(text);
        assertThat(parsed).isInstanceOf(SearchQuery.Parsed.Invalid.class);
        return ((SearchQuery.Parsed.Invalid) parsed).explanation();
    }

    @Test
    void wordsAreNormalisedLikeSkillsSplitAndDeduplicated() {
        assertThat(query("GIS, Python").terms()).containsExactly("gis", "python");
        assertThat(query("  G.I.S.   user-research ").terms()).containsExactly("gis", "user", "research");
        assertThat(query("gis and GIS or the mapping").terms()).containsExactly("gis", "mapping");
        assertThat(query("C++ C#").terms()).containsExactly("c++", "c#");
        assertThat(query("R&amp;D").terms()).containsExactly("rd");
        assertThat(query("gis python").words()).isEqualTo("gis python");
    }

    @Test
    void nextWeekOptionIncludingTheDashesSlackTurnsItInto() {
        assertThat(query("gis").nextWeek()).isFalse();
        assertThat(query("gis --next-week").nextWeek()).isTrue();
        assertThat(query("--next-week gis").terms()).containsExactly("gis");
        assertThat(query("gis —next-week").nextWeek()).isTrue();
        assertThat(query("gis –-next-week").nextWeek()).isTrue();
        assertThat(query("gis --NEXT-WEEK").nextWeek()).isTrue();
        assertThat(query("gis --next-week --this-week").nextWeek()).isFalse();
    }

    @Test
    void malformedTextIsExplainedWithAnExample() {
        assertThat(invalid("")).isEqualTo("Tell me the skills you need, e.g. `/find-expert gis python` (add"
                + " `--next-week` for next week's hours).");
        assertThat(invalid("  ... ,, ")).startsWith("Tell me the skills you need");
        assertThat(invalid("and the")).startsWith("Tell me the skills you need");
        assertThat(invalid("--next-week")).startsWith("Tell me the skills you need");
        assertThat(invalid("gis --nxt-week")).isEqualTo("I don't know the option `--nxt-week`. Add `--next-week` to"
                + " search next week's hours, e.g. `/find-expert gis --next-week`.");
        assertThat(invalid("gis --<!channel>")).contains("`--&lt;!channel&gt;`");
        assertThat(invalid("a1 b2 c3 d4 e5 f6 g7 h8 i9")).startsWith("Search for up to 8 words at a time");
        assertThat(invalid("x".repeat(61))).startsWith("Search words are skills, of up to 60 letters");
    }
}
