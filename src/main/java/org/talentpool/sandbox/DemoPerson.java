package org.talentpool.sandbox;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A pretend Slack user of the sandbox. {@code skills}, {@code weeklyMinutes} and {@code lineManagerId} describe
 * what a specialist would offer, for features' {@link DemoSeed}s to turn into their own demo rows.
 */
public record DemoPerson(String userId, String displayName, String title, String email, Kind kind,
                         Optional<String> councilCode, Optional<String> lineManagerId, List<String> skills,
                         int weeklyMinutes, int position) {

    /** What the person is in the demo story. */
    public enum Kind {
        SPECIALIST, REQUESTER, LINE_MANAGER, ADMIN, OUTSIDER;

        public String dbValue() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind fromDb(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    public DemoPerson {
        skills = List.copyOf(skills);
    }
}
