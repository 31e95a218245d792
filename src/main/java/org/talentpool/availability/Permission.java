package org.talentpool.availability;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Locale;

/**
 * The organisation's permission: a request to a specialist's line manager to offer up to
 * {@code capMinutes} a week, and the manager's answer. Approved permissions are valid on days before
 * {@code expiresOn} (pool time zone) until revoked.
 */
public record Permission(long id, String specialistId, String managerId, int capMinutes, Status status,
                         OffsetDateTime requestedAt, OffsetDateTime decidedAt, LocalDate expiresOn,
                         OffsetDateTime revokedAt, String revokedBy) {

    public enum Status {
        /** Asked, not answered yet. */
        REQUESTED,
        APPROVED,
        DECLINED,
        /** Approved, then withdrawn by the manager. */
        REVOKED,
        /** Replaced by a newer request (more hours, another manager) before or after being answered. */
        SUPERSEDED;

        public String dbValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Approved, not revoked, and not expired on {@code today}. */
    public boolean validOn(LocalDate today) {
        return status == Status.APPROVED && revokedAt == null && expiresOn != null && expiresOn.isAfter(today);
    }
}
