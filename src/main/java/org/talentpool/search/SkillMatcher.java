package org.talentpool.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jdbi.v3.core.mapper.reflect.JdbiConstructor;

/**
 * Matching search words against the skill list (the vocabulary), never against profiles: a word matches a skill
 * when it equals one of the skill's words, is the start of one (2+ letters: "plan" → "planning enforcement"), or,
 * when neither finds anything, is one typo away from one (5+ letters, one letter added, dropped, changed or two
 * swapped: "planing" → "planning"). The vocabulary is held in memory ({@link Vocabulary}).
 */
final class SkillMatcher {
    static final int PREFIX_MIN_LENGTH = 2;
    static final int TYPO_MIN_LENGTH = 5;
    static final int MAX_PER_TERM = 100;
    static final int MAX_WORDS_PER_TERM = 20;
    static final int NEARBY_LIMIT = 5;

    private SkillMatcher() {}

    enum Kind { EXACT, PREFIX, TYPO }

    /**
     * A skill of the vocabulary: normalised name, display name, and the name's words, split once (matching split
     * every skill's name for every search word: 40 % of a search's CPU time).
     */
    record Skill(long id, String name, String displayName, List<String> words) {
        @JdbiConstructor
        Skill(long id, String name, String displayName) {
            this(id, name, displayName, List.of(name.split(" ")));
        }
    }

    /** Search word number {@code term} matched {@code skill}. */
    record Match(int term, Skill skill, Kind kind) {}

    /**
     * The vocabulary ready for matching: the skills, and each word of their names with the skills having it, in
     * word order, so that the skills a search word matches exactly or by prefix are one range of words away instead
     * of a pass over every skill. Built once per vocabulary ({@link Vocabulary}).
     */
    record Lexicon(List<Skill> skills, NavigableMap<String, List<Skill>> byWord) {
        static Lexicon of(List<Skill> skills) {
            NavigableMap<String, List<Skill>> byWord = new TreeMap<>();
            for (Skill skill : skills) {
                for (String word : new LinkedHashSet<>(skill.words())) {
                    byWord.computeIfAbsent(word, key -> new ArrayList<>()).add(skill);
                }
            }
            return new Lexicon(List.copyOf(skills), Collections.unmodifiableNavigableMap(byWord));
        }
    }

    /**
     * The skills each word matches: exact and prefix matches, or typo matches when a word has neither; at most
     * {@link #MAX_PER_TERM} a word, exact ones and shorter names first.
     */
    static List<Match> match(List<String> terms, List<Skill> vocabulary) {
        return match(terms, Lexicon.of(vocabulary));
    }

    static List<Match> match(List<String> terms, Lexicon lexicon) {
        List<Match> matches = new ArrayList<>();
        for (int term = 0; term < terms.size(); term++) {
            List<Match> chosen = direct(term, terms.get(term), lexicon);
            if (chosen.isEmpty()) {
                // typos are looked for, word by word through the whole vocabulary, only when nothing matches directly
                chosen = typos(term, terms.get(term), lexicon.skills());
            }
            chosen.sort(Comparator.comparing(Match::kind).thenComparing(match -> match.skill().name().length())
                    .thenComparing(match -> match.skill().name()));
            matches.addAll(chosen.subList(0, Math.min(MAX_PER_TERM, chosen.size())));
        }
        return matches;
    }

    /** The skills a search word matches exactly or by prefix (its best matching word's kind for each). */
    private static List<Match> direct(int term, String typed, Lexicon lexicon) {
        SortedMap<String, List<Skill>> words = typed.length() >= PREFIX_MIN_LENGTH
                ? lexicon.byWord().subMap(typed, typed + Character.MAX_VALUE)
                : lexicon.byWord().subMap(typed, true, typed, true);
        Map<Skill, Kind> best = new LinkedHashMap<>();
        words.forEach((word, skills) -> {
            Kind kind = word.equals(typed) ? Kind.EXACT : Kind.PREFIX;
            for (Skill skill : skills) {
                best.merge(skill, kind, (one, other) -> one.compareTo(other) <= 0 ? one : other);
            }
        });
        List<Match> found = new ArrayList<>();
        best.forEach((skill, kind) -> found.add(new Match(term, skill, kind)));
        return found;
    }

    /** The skills a search word matches by a typo (nothing matched it directly). */
    private static List<Match> typos(int term, String typed, List<Skill> vocabulary) {
        List<Match> found = new ArrayList<>();
        for (Skill skill : vocabulary) {
            if (kind(typed, skill) == Kind.TYPO) {
                found.add(new Match(term, skill, Kind.TYPO));
            }
        }
        return found;
    }

    /** How a search word matches a skill name (its best matching word), or null. */
    private static Kind kind(String term, Skill skill) {
        Kind best = null;
        for (String word : skill.words()) {
            Kind kind = wordKind(term, word);
            if (kind != null && (best == null || kind.compareTo(best) < 0)) {
                best = kind;
            }
        }
        return best;
    }

    /** How a search word matches one word of a skill name, or null. */
    static Kind wordKind(String term, String word) {
        if (word.equals(term)) {
            return Kind.EXACT;
        }
        if (term.length() >= PREFIX_MIN_LENGTH && word.startsWith(term)) {
            return Kind.PREFIX;
        }
        if (term.length() >= TYPO_MIN_LENGTH && word.length() >= TYPO_MIN_LENGTH - 1 && withinOneEdit(term, word)) {
            return Kind.TYPO;
        }
        return null;
    }

    /**
     * For each search word, the words of the skill vocabulary it matches, by the rule its skills were matched with
     * (exact and prefix, or else one typo): what search looks up in the listing index, where every word of every
     * listed skill leads to the specialists holding it. At most {@link #MAX_WORDS_PER_TERM} a word, exact first.
     */
    static List<List<String>> words(List<String> terms, List<Match> matches) {
        List<List<String>> words = new ArrayList<>();
        for (int term = 0; term < terms.size(); term++) {
            String typed = terms.get(term);
            Set<String> found = new LinkedHashSet<>();
            for (Match match : matches) {
                if (match.term() != term) {
                    continue;
                }
                for (String word : match.skill().words()) {
                    Kind kind = wordKind(typed, word);
                    if (kind != null && (kind == Kind.TYPO) == (match.kind() == Kind.TYPO)) {
                        found.add(word);
                    }
                }
            }
            words.add(found.stream().sorted(Comparator.comparing((String word) -> !word.equals(typed))
                            .thenComparing(String::length).thenComparing(Comparator.naturalOrder()))
                    .limit(MAX_WORDS_PER_TERM).toList());
        }
        return words;
    }

    /**
     * Which search words imply which, by the vocabulary: bit {@code b} of {@code implies[a]} (and always bit {@code a})
     * when every skill having one of the words of search word {@code a} ({@code words.get(a)}) also has one of the
     * words of {@code b}, so that a specialist whose skills match {@code a} match {@code b} too ("street" and
     * "lighting" when every skill with either word is a "street lighting" one). Exact for the listing index, whose
     * rows have all the words of each of their specialist's skills; skills are never renamed or removed. At most 31
     * search words.
     */
    static int[] implications(List<List<String>> words, Lexicon lexicon) {
        Map<String, Integer> termsOfWord = new HashMap<>();
        for (int term = 0; term < words.size(); term++) {
            for (String word : words.get(term)) {
                termsOfWord.merge(word, 1 << term, (one, other) -> one | other);
            }
        }
        int[] implies = new int[words.size()];
        for (int term = 0; term < words.size(); term++) {
            // the search words every skill with one of this one's words has a word of
            int inAll = words.get(term).isEmpty() ? 0 : -1;
            for (String word : words.get(term)) {
                for (Skill skill : lexicon.byWord().getOrDefault(word, List.of())) {
                    int touched = 0;
                    for (String its : skill.words()) {
                        touched |= termsOfWord.getOrDefault(its, 0);
                    }
                    inAll &= touched;
                }
            }
            implies[term] = inAll & (1 << words.size()) - 1 | 1 << term;
        }
        return implies;
    }

    /**
     * Skills near the search words, for "did you mean": a word starting with the first letter of a search word and
     * within two typos of it (search words of 4+ letters), or sharing its first three letters. Best first; skills in
     * {@code exclude} (already matched) are left out.
     */
    static List<Skill> nearby(List<String> terms, List<Skill> vocabulary, Set<Long> exclude) {
        Map<Skill, Integer> scored = new LinkedHashMap<>();
        for (Skill skill : vocabulary) {
            if (exclude.contains(skill.id()) || !hasWordStartingLikeOneOf(skill, terms)) {
                continue;
            }
            int best = Integer.MAX_VALUE;
            for (String word : skill.words()) {
                for (String term : terms) {
                    if (term.length() >= 4) {
                        int distance = distance(term, word);
                        if (distance <= 2) {
                            best = Math.min(best, distance);
                        }
                    }
                    if (term.length() >= 3 && word.startsWith(term.substring(0, 3))) {
                        best = Math.min(best, 3);
                    }
                }
            }
            if (best != Integer.MAX_VALUE) {
                scored.put(skill, best);
            }
        }
        return scored.entrySet().stream()
                .sorted(Map.Entry.<Skill, Integer>comparingByValue()
                        .thenComparing(entry -> entry.getKey().name()))
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Whether a word of the skill starts with the first letter of one of the search words. */
    private static boolean hasWordStartingLikeOneOf(Skill skill, List<String> terms) {
        for (String word : skill.words()) {
            for (String term : terms) {
                if (word.startsWith(term.substring(0, 1))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when {@code a} becomes {@code b} by at most one insertion, deletion, substitution or swap of neighbours. */
    static boolean withinOneEdit(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        int lengthA = a.length();
        int lengthB = b.length();
        if (Math.abs(lengthA - lengthB) > 1) {
            return false;
        }
        int i = 0;
        while (i < Math.min(lengthA, lengthB) && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (lengthA == lengthB) {
            boolean substituted = a.regionMatches(i + 1, b, i + 1, lengthA - i - 1);
            boolean swapped = i + 1 < lengthA && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
                    && a.regionMatches(i + 2, b, i + 2, lengthA - i - 2);
            return substituted || swapped;
        }
        String shorter = lengthA < lengthB ? a : b;
        String longer = lengthA < lengthB ? b : a;
        return shorter.regionMatches(i, longer, i + 1, shorter.length() - i);
    }

    /** Edit distance counting insertions, deletions, substitutions and swaps of neighbours (optimal alignment). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
