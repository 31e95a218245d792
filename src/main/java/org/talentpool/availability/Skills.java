package org.talentpool.availability;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Skill names: "GIS", "gis " and "G.I.S." are one skill. The key is lower case, without punctuation
 * except {@code +} and {@code #} (C++, C#); hyphens, underscores and slashes separate words; spaces are
 * collapsed. The display name keeps the writer's capitals and punctuation, tidied of extra spaces.
 */
public final class Skills {
    public static final int MAX_LENGTH = 60;
    public static final int MAX_PER_PROFILE = 20;

    private Skills() {}

    /** A skill as stored: the normalised key and how it is shown. */
    public record SkillName(String name, String displayName) {}

    /** The normalised key of a skill, or empty when nothing is left of it. */
    public static Optional<String> normalise(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder key = new StringBuilder(folded.length());
        for (int i = 0; i < folded.length(); ) {
            int codePoint = folded.codePointAt(i);
            i += Character.charCount(codePoint);
            if (Character.isLetterOrDigit(codePoint) || codePoint == '+' || codePoint == '#') {
                key.appendCodePoint(codePoint);
            } else if (Character.isWhitespace(codePoint) || codePoint == '-' || codePoint == '_' || codePoint == '/') {
                key.append(' ');
            }
        }
        String collapsed = key.toString().trim().replaceAll(" {2,}", " ");
        return collapsed.isEmpty() ? Optional.empty() : Optional.of(collapsed);
    }

    /** The skill a person typed: its key and a tidy display name; empty when nothing is left of it. */
    public static Optional<SkillName> of(String typed) {
        return normalise(typed).map(name -> new SkillName(name, typed.trim().replaceAll("\\s+", " ")));
    }

    /** The skills of a comma-separated list, in order, blanks dropped. */
    public static List<String> splitList(String text) {
        List<String> items = new ArrayList<>();
        if (text == null) {
            return items;
        }
        for (String item : text.split("[,;\\n]")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return items;
    }
}
