package org.talentpool.search;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.talentpool.availability.Skills;
import org.talentpool.slack.SlackText;

/**
 * What {@code /find-expert} was asked: search words, normalised as skills are ("G.I.S." → "gis"), and whether to
 * search next week's hours ({@code --next-week}). Words are matched one by one, so "user research" matches the
 * skill "user research" on both words.
 */
public record SearchQuery(List<String> terms, boolean nextWeek) {
    public static final int MAX_TERMS = 8;
    static final String EXAMPLE = "`/find-expert gis python` (add `--next-week` for next week's hours)";
    private static final Set<String> STOP_WORDS = Set.of("a", "an", "and", "or", "the", "of", "for", "in", "on",
            "with", "to");

    public SearchQuery {
        terms = List.copyOf(terms);
    }

    /** The outcome of reading the command's text. */
    public sealed interface Parsed {
        record Query(SearchQuery query) implements Parsed {}

        /** A one-line explanation with an example of correct use. */
        record Invalid(String explanation) implements Parsed {}
    }

    /** The words as the member will recognise them, e.g. {@code gis python}. */
    public String words() {
        return String.join(" ", terms);
    }

    public static Parsed parse(String text) {
        // Slack escapes &, < and > in command text; read them as typed ("R&D").
        String typed = text == null ? "" : text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        boolean nextWeek = false;
        StringBuilder words = new StringBuilder();
        for (String token : typed.trim().split("\\s+")) {
            if (token.startsWith("--") || token.startsWith("—") || token.startsWith("–")) {
                String option = token.replaceFirst("^(--|—|–)-?", "").toLowerCase(Locale.ROOT);
                switch (option) {
                    case "next-week", "nextweek" -> nextWeek = true;
                    case "this-week", "thisweek" -> nextWeek = false;
                    default -> {
                        return new Parsed.Invalid("I don't know the option `" + SlackText.escape(token) + "`. Add"
                                + " `--next-week` to search next week's hours, e.g. `/find-expert gis --next-week`.");
                    }
                }
            } else {
                words.append(token).append(' ');
            }
        }
        Set<String> terms = new LinkedHashSet<>();
        for (String piece : words.toString().split("[,;]")) {
            Skills.normalise(piece).ifPresent(normalised -> {
                for (String word : normalised.split(" ")) {
                    if (!STOP_WORDS.contains(word)) {
                        terms.add(word);
                    }
                }
            });
        }
        if (terms.isEmpty()) {
            return new Parsed.Invalid("Tell me the skills you need, e.g. " + EXAMPLE + ".");
        }
        if (terms.size() > MAX_TERMS) {
            return new Parsed.Invalid("Search for up to " + MAX_TERMS + " words at a time, e.g. " + EXAMPLE + ".");
        }
        if (terms.stream().anyMatch(term -> term.length() > Skills.MAX_LENGTH)) {
            return new Parsed.Invalid("Search words are skills, of up to " + Skills.MAX_LENGTH + " letters, e.g. "
                    + EXAMPLE + ".");
        }
        return new Parsed.Query(new SearchQuery(List.copyOf(terms), nextWeek));
    }
}
