package org.talentpool.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlackTextTest {

    @Test
    void escapesTheThreeControlCharacters() {
        assertThat(SlackText.escape("<!channel> & <@U123|boss> > all"))
                .isEqualTo("&lt;!channel&gt; &amp; &lt;@U123|boss&gt; &gt; all");
    }

    @Test
    void leavesOtherTextAlone() {
        assertThat(SlackText.escape("GIS, Python — £40/h *bold* _it_")).isEqualTo("GIS, Python — £40/h *bold* _it_");
        assertThat(SlackText.escape(null)).isEmpty();
    }

    @Test
    void unescapeUndoesSlacksEscaping() {
        assertThat(SlackText.unescape("Hammersmith &amp; Fulham &lt;b&gt;")).isEqualTo("Hammersmith & Fulham <b>");
        assertThat(SlackText.unescape("&amp;lt;")).isEqualTo("&lt;");
        assertThat(SlackText.escape(SlackText.unescape("a &amp; &lt;!channel&gt;")))
                .isEqualTo("a &amp; &lt;!channel&gt;");
        assertThat(SlackText.unescape(null)).isEmpty();
    }
}
