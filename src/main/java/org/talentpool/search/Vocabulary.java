package org.talentpool.search;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The skill list search words are matched against ({@link SkillMatcher}), held in memory with its words in order
 * ({@link SkillMatcher.Lexicon}): a search reads how many skills there are and the highest ID (one small query) and
 * reads the list again only when either changed since, i.e. when a skill was added or removed. Skills are never
 * renamed.
 */
final class Vocabulary {
    /** What identifies a state of the skill list: how many skills, the highest ID. */
    private record Version(long skills, long lastId) {}

    private record Snapshot(Version version, SkillMatcher.Lexicon lexicon) {}

    private volatile Snapshot snapshot;

    /**
     * The skill list, ready for matching, as it is in the transaction of {@code handle}. The version is read with the
     * handle itself: attaching {@link SearchDao} to it cost a search 0.2–0.3 ms, as much as the query.
     */
    SkillMatcher.Lexicon lexicon(Handle handle) {
        Version version = handle.createQuery("SELECT COUNT(*) AS skills, COALESCE(MAX(id), 0) AS last_id FROM skill")
                .map((rs, ctx) -> new Version(rs.getLong("skills"), rs.getLong("last_id"))).one();
        Snapshot held = snapshot;
        if (held == null || !held.version().equals(version)) {
            held = new Snapshot(version, SkillMatcher.Lexicon.of(handle.attach(SearchDao.class).allSkills()));
            snapshot = held;
        }
        return held.lexicon();
    }

    /** The skill list as it is in the transaction of {@code handle}. */
    List<SkillMatcher.Skill> skills(Handle handle) {
        return lexicon(handle).skills();
    }
}
