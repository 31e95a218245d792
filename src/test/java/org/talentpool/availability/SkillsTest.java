package org.talentpool.availability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SkillsTest {

    @ParameterizedTest(name = "\"{0}\" is \"{1}\"")
    @CsvSource({"GIS, gis", "'gis ', gis", "G.I.S., gis", "'  User   Research ', user research",
            "user-research, user research", "C++, c++", "C#, c#", "'Node.js', nodejs", "Power BI, power bi",
            "'ArcGIS / QGIS', arcgis qgis", "Cymraeg, cymraeg", "'<!channel> GIS', channel gis"})
    void oneSkillWhateverTheSpelling(String typed, String name) {
        assertThat(Skills.normalise(typed)).contains(name);
    }

    @Test
    void punctuationAloneIsNoSkill() {
        assertThat(Skills.normalise("...")).isEmpty();
        assertThat(Skills.normalise("  ")).isEmpty();
        assertThat(Skills.normalise(null)).isEmpty();
    }

    @Test
    void theDisplayNameKeepsTheWritersCapitals() {
        assertThat(Skills.of("  G.I.S.   mapping ")).contains(new Skills.SkillName("gis mapping", "G.I.S. mapping"));
    }

    @Test
    void commaSeparatedLists() {
        assertThat(Skills.splitList("GIS, python ,, user research;Power BI")).containsExactly("GIS", "python",
                "user research", "Power BI");
        assertThat(Skills.splitList(null)).isEmpty();
    }
}
