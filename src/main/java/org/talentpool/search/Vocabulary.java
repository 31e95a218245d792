package org.talentpool.search;

import java.util.List;

/**
 * The skill list search words are matched against ({@link SkillMatcher}), held in memory with its words in order
 * ({@link SkillMatcher.Lexicon}): a search reads how many skills there are and the highest ID (one small query) and
 * reads the list again only when either changed since, i.e. when a skill was added or removed. Skills are never
 * renamed.
 */
final class Vocabulary {
    private record Snapshot(SearchDao.VocabularyVersion version, SkillMatcher.Lexicon lexicon) {}

    private volatile Snapshot snapshot;

    /** The skill list, ready for matching, as it is in the transaction of {@code dao}. */
    SkillMatcher.Lexicon lexicon(SearchDao dao) {
        SearchDao.VocabularyVersion version = dao.vocabularyVersion();
        Snapshot held = snapshot;
        if (held == null || !held.version().equals(version)) {
            held = new Snapshot(version, SkillMatcher.Lexicon.of(dao.allSkills()));
            snapshot = held;
        }
        return held.lexicon();
    }

    /** The skill list as it is in the transaction of {@code dao}. */
    List<SkillMatcher.Skill> skills(SearchDao dao) {
        return lexicon(dao).skills();
    }
}
