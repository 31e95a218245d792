package org.talentpool.ledger;

/**
 * What stands where a forgotten member's Slack ID stood ({@code /pool forget-me}): {@code forgotten-<n>}. Nobody can be
 * messaged, mentioned or refreshed under a tombstone.
 */
public final class Tombstones {
    public static final String PREFIX = "forgotten-";

    private Tombstones() {}

    public static String of(long forgottenMemberId) {
        return PREFIX + forgottenMemberId;
    }

    public static boolean isTombstone(String userId) {
        return userId != null && userId.startsWith(PREFIX);
    }
}
