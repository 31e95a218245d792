package org.talentpool.council;

import java.time.OffsetDateTime;

/**
 * A request to join the pool made with the Ask to join button: for a council in the register
 * ({@code councilId}) or only for an email domain, until an admin approves (naming the council) or rejects.
 */
public record JoinRequest(long id, String emailDomain, Long councilId, Status status, String requestedBy,
                          OffsetDateTime requestedAt, String decidedBy, OffsetDateTime decidedAt, String reason) {

    public enum Status {
        PENDING, APPROVED, REJECTED;

        public String dbValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean pending() {
        return status == Status.PENDING;
    }

    /** The key that keeps one open request per council, or per domain while there is no council. */
    static String openKey(Long councilId, String emailDomain) {
        return councilId != null ? "council:" + councilId : "domain:" + emailDomain;
    }
}
