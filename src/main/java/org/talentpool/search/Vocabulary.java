package org.talentpool.search;

import java.util.List;

/**
 * The skill list search words are matched against ({@link SkillMatcher}), held in memory: a search reads how many
 * skills there are and the highest ID (one small query) and reads the list again only when either changed since,
 * i.e. when a skill was added or removed. Skills are never renamed.
 */
final class Vocabulary {
    private record Snapshot(SearchDao.VocabularyVersion version, List<SkillMatcher.Skill> skills) {}

    private volatile Snapshot snapshot;

    /** The skill list as it is in the transaction of {@code dao}. */
    List<SkillMatcher.Skill> skills(SearchDao dao) {
        SearchDao.VocabularyVersion version = dao.vocabularyVersion();
        Snapshot held = snapshot;
        if (held == null || !held.version().equals(version)) {
            held = new Snapshot(version, List.copyOf(dao.allSkills()));
            snapshot = held;
        }
        return held.skills();
    }
}
