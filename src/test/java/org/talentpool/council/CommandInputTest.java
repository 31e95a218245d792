package org.talentpool.council;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Admin command arguments as Slack sends them: escaped, with mentions as {@code <@U…|name>}. */
class CommandInputTest {
    private static final String EXAMPLE = "`/pool-admin lead york.gov.uk @Sam`";

    @Test
    void domainsAreNormalised() {
        assertThat(CommandInput.domain("York.GOV.uk", EXAMPLE)).isEqualTo("york.gov.uk");
        assertThat(CommandInput.domain("@york.gov.uk", EXAMPLE)).isEqualTo("york.gov.uk");
        assertThat(CommandInput.domain("<http://york.gov.uk|york.gov.uk>", EXAMPLE)).isEqualTo("york.gov.uk");
    }

    @Test
    void badOrSharedDomainsAreRefusedWithAnExample() {
        assertThatThrownBy(() -> CommandInput.domain("york", EXAMPLE)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("`york` isn't an email domain").hasMessageContaining(EXAMPLE);
        assertThatThrownBy(() -> CommandInput.domain("", EXAMPLE)).hasMessageContaining("Which council?");
        assertThatThrownBy(() -> CommandInput.domain("gov.uk", EXAMPLE)).hasMessageContaining("shared");
        assertThatThrownBy(() -> CommandInput.domain("gmail.com", EXAMPLE)).hasMessageContaining("shared");
        assertThatThrownBy(() -> CommandInput.domain("&lt;b&gt;", EXAMPLE))
                .hasMessageContaining("&lt;b&gt;").hasMessageNotContaining("<b>");
    }

    @Test
    void userMentionsWithOrWithoutName() {
        assertThat(CommandInput.userId("<@U012ABC|sam>", EXAMPLE)).isEqualTo("U012ABC");
        assertThat(CommandInput.userId(" <@W0ENTERPRISE> ", EXAMPLE)).isEqualTo("W0ENTERPRISE");
    }

    @Test
    void anythingButOnePersonIsRefused() {
        assertThatThrownBy(() -> CommandInput.userId("@sam", EXAMPLE)).hasMessageContaining("isn't a mention of a"
                + " person").hasMessageContaining(EXAMPLE);
        assertThatThrownBy(() -> CommandInput.userId("<#C012|general>", EXAMPLE)).hasMessageContaining("channel");
        assertThatThrownBy(() -> CommandInput.userId("<!here>", EXAMPLE)).hasMessageContaining("group");
        assertThatThrownBy(() -> CommandInput.userId("<!subteam^S012|@planners>", EXAMPLE))
                .hasMessageContaining("group");
        assertThatThrownBy(() -> CommandInput.userId("<@U012|sam> <@U013|kim>", EXAMPLE))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> CommandInput.userId("", EXAMPLE)).hasMessageContaining("Who?");
    }

    @Test
    void quotedOrTrailingDomainNames() {
        assertThat(CommandInput.quotedName("\"City of York Council\" york.gov.uk", EXAMPLE))
                .isEqualTo(new CommandInput.NameAndRest("City of York Council", "york.gov.uk"));
        assertThat(CommandInput.quotedName("“Hammersmith &amp; Fulham”  lbhf.gov.uk", EXAMPLE))
                .isEqualTo(new CommandInput.NameAndRest("Hammersmith & Fulham", "lbhf.gov.uk"));
        assertThat(CommandInput.quotedName("City of York Council york.gov.uk", EXAMPLE))
                .isEqualTo(new CommandInput.NameAndRest("City of York Council", "york.gov.uk"));
        assertThatThrownBy(() -> CommandInput.quotedName("\"\" york.gov.uk", EXAMPLE)).hasMessageContaining("missing");
        assertThatThrownBy(() -> CommandInput.quotedName("york.gov.uk", EXAMPLE)).hasMessageContaining("quotes");
        assertThatThrownBy(() -> CommandInput.quotedName("\"" + "x".repeat(201) + "\" york.gov.uk", EXAMPLE))
                .hasMessageContaining("200");
    }

    @Test
    void freeTextIsUnescapedAndBounded() {
        assertThat(CommandInput.text(" Not  a &lt;council&gt; ", 500, "reason", EXAMPLE)).contains("Not a <council>");
        assertThat(CommandInput.text("  ", 500, "reason", EXAMPLE)).isEmpty();
        assertThatThrownBy(() -> CommandInput.text("x".repeat(501), 500, "reason", EXAMPLE))
                .hasMessageContaining("reason is longer than 500");
    }
}
