package org.talentpool.ledger;

import java.util.regex.Pattern;

/**
 * Which audit entries concern a member ({@code :userId}), for export and erasure: those naming them as the subject
 * (their profile, admin role, weeks {@code <id>/<week>}), and those about their bookings, hours delivered and
 * permissions. Entries they made are found by {@code actor}.
 */
final class AuditScope {
    /** A Slack user ID (or a tombstone): safe inside LIKE patterns, no wildcards. */
    private static final Pattern USER_ID = Pattern.compile("[A-Z0-9]{2,32}");

    static final String ABOUT = "subject_id = :userId OR subject_id LIKE CONCAT(:userId, '/%')"
            + " OR (subject_type IN ('booking', 'ledger_entry') AND subject_id IN"
            + " (SELECT CAST(id AS VARCHAR(40)) FROM booking WHERE specialist_id = :userId OR requester_id = :userId))"
            + " OR (subject_type = 'permission' AND subject_id IN"
            + " (SELECT CAST(id AS VARCHAR(40)) FROM permission WHERE specialist_id = :userId))";

    private AuditScope() {}

    /** Refuses anything but a Slack user ID, so that it can go into LIKE patterns and REPLACE safely. */
    static String requireUserId(String userId) {
        if (userId == null || !USER_ID.matcher(userId).matches()) {
            throw new IllegalArgumentException("Not a Slack user ID: " + userId);
        }
        return userId;
    }
}
