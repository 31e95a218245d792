package org.talentpool.search;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.talentpool.availability.Hours;
import org.talentpool.availability.Weeks;
import org.talentpool.booking.BookingBlocks;
import org.talentpool.slack.SlackText;

/**
 * Search results as Block Kit: a section per specialist with a Book button, and More / Back buttons whose value
 * carries the paging state (words, week, page) as JSON. All profile text is escaped.
 */
final class SearchBlocks {
    static final String MORE = "find-expert-more";
    static final String BACK = "find-expert-back";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BIO_SNIPPET = 200;
    private static final int OTHER_SKILLS_SHOWN = 6;

    private SearchBlocks() {}

    /** Which page of which search a More or Back button asks for. */
    record PageRequest(SearchQuery query, LocalDate week, int page) {
        String value() {
            return JSON.createObjectNode().put("q", query.words()).put("w", week.toString()).put("p", page)
                    .toString();
        }

        static Optional<PageRequest> parse(String value) {
            try {
                JsonNode json = JSON.readTree(value == null ? "" : value);
                if (json == null || !json.path("p").canConvertToInt() || json.path("p").asInt() < 0) {
                    return Optional.empty();
                }
                if (!(SearchQuery.parse(json.path("q").asText()) instanceof SearchQuery.Parsed.Query parsed)) {
                    return Optional.empty();
                }
                return Optional.of(new PageRequest(parsed.query(), LocalDate.parse(json.path("w").asText()),
                        json.path("p").asInt()));
            } catch (IOException | DateTimeParseException e) {
                return Optional.empty();
            }
        }
    }

    static List<LayoutBlock> results(ExpertSearch.Result result, LocalDate thisWeek) {
        if (result instanceof ExpertSearch.Result.Nobody nobody) {
            return nobody(nobody, thisWeek);
        }
        ExpertSearch.Result.Page page = (ExpertSearch.Result.Page) result;
        List<LayoutBlock> blocks = new ArrayList<>();
        int first = page.page() * ExpertSearch.PAGE_SIZE + 1;
        String range = page.experts().isEmpty() ? "no more results"
                : first + "–" + (first + page.experts().size() - 1);
        blocks.add(section(s -> s.text(markdownText("*Specialists for “" + SlackText.escape(page.query().words())
                + "”* with hours " + weekName(page.weekStart(), thisWeek) + " · " + range))));
        for (ExpertSearch.Expert expert : page.experts()) {
            blocks.add(section(s -> s.blockId("expert-" + expert.userId()).text(markdownText(card(expert)))
                    .accessory(BookingBlocks.bookButton(expert.userId(), page.weekStart()))));
            if (!expert.bio().isBlank()) {
                String bio = BookingBlocks.snippet(expert.bio(), BIO_SNIPPET);
                blocks.add(context(c -> c.elements(List.of(markdownText(bio)))));
            }
        }
        List<BlockElement> navigation = new ArrayList<>();
        if (page.page() > 0) {
            navigation.add(button(b -> b.actionId(BACK).text(plainText("Back"))
                    .value(new PageRequest(page.query(), page.weekStart(), page.page() - 1).value())));
        }
        if (page.more()) {
            navigation.add(button(b -> b.actionId(MORE).text(plainText("More"))
                    .value(new PageRequest(page.query(), page.weekStart(), page.page() + 1).value())));
        }
        if (!navigation.isEmpty()) {
            blocks.add(actions(a -> a.blockId("find-expert-pages").elements(navigation)));
        }
        blocks.add(context(c -> c.elements(List.of(markdownText("*Book* holds the hours at once and asks the"
                + " specialist to accept. Your council pays for the hours delivered.")))));
        return blocks;
    }

    private static String card(ExpertSearch.Expert expert) {
        StringBuilder text = new StringBuilder();
        text.append('*').append(SlackText.mention(expert.userId())).append("* · ")
                .append(SlackText.escape(expert.councilName())).append('\n')
                .append(SlackText.escape(expert.jobTitle())).append('\n');
        List<String> skills = new ArrayList<>();
        expert.matchedSkills().forEach(skill -> skills.add("*" + SlackText.escape(skill) + "*"));
        expert.otherSkills().stream().limit(OTHER_SKILLS_SHOWN).forEach(skill -> skills.add(SlackText.escape(skill)));
        int hidden = Math.max(0, expert.otherSkills().size() - OTHER_SKILLS_SHOWN);
        text.append("Skills: ").append(String.join(", ", skills)).append(hidden > 0 ? " +" + hidden + " more" : "");
        if (!expert.matchedOnSkills()) {
            text.append(" _(your words are in their job title or bio)_");
        }
        text.append('\n').append("This week: *").append(Hours.format(expert.leftThisWeek())).append(" left* · ")
                .append("Next week: *").append(Hours.format(expert.leftNextWeek())).append(" left*");
        return text.toString();
    }

    private static List<LayoutBlock> nobody(ExpertSearch.Result.Nobody nobody, LocalDate thisWeek) {
        String words = SlackText.escape(nobody.query().words());
        boolean nextWeek = nobody.weekStart().isAfter(thisWeek);
        StringBuilder text = new StringBuilder("Nobody at another council with hours ")
                .append(weekName(nobody.weekStart(), thisWeek)).append(" matches “").append(words).append("”.");
        if (nobody.otherWeekHasExperts()) {
            text.append(nextWeek ? " Some have hours this week: try `/find-expert " + words + "`."
                    : " Some have hours next week: try `/find-expert " + words + " --next-week`.");
        }
        if (!nobody.nearbySkills().isEmpty()) {
            text.append("\nNearby skills people offer: ").append(nobody.nearbySkills().stream()
                    .map(skill -> "*" + SlackText.escape(skill) + "*").collect(Collectors.joining(", "))).append('.');
        } else if (!nobody.otherWeekHasExperts()) {
            text.append("\nTry fewer or broader words, as a specialist would write their skill.");
        }
        String body = text.toString();
        return List.of(section(s -> s.text(markdownText(body))),
                context(c -> c.elements(List.of(markdownText("I've noted what you looked for, so community admins"
                        + " can see which skills the pool is missing.")))));
    }

    private static String weekName(LocalDate weekStart, LocalDate thisWeek) {
        return (weekStart.isAfter(thisWeek) ? "next week" : "this week") + " (w/c " + Weeks.dayMonth(weekStart) + ")";
    }
}
