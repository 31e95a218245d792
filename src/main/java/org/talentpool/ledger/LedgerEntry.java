package org.talentpool.ledger;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * The hours delivered for one accepted booking (keyed by the booking's ID) and, once confirmed, what they cost: the
 * provider council's hourly rate on the booking week's Monday ({@code ratePence}, null when it had none) and
 * {@link Money#amountPence}. {@code note}, {@code disputeReason} and {@code resolutionNote} are user text: escape them
 * before showing them in Slack.
 */
public record LedgerEntry(long bookingId, String specialistId, String requesterId, long providerCouncilId,
                          String providerCouncilName, long requesterCouncilId, String requesterCouncilName,
                          LocalDate weekStart, int bookedMinutes, Integer reportedMinutes, Integer confirmedMinutes,
                          EntryStatus status, String note, String disputeReason, String resolutionNote,
                          OffsetDateTime askedAt, OffsetDateTime reportedAt, OffsetDateTime disputedAt,
                          OffsetDateTime confirmedAt, String confirmedBy, String confirmedHow, Integer ratePence,
                          Long amountPence) {

    /** How a confirmed entry was confirmed. */
    public static final String BY_REQUESTER = "requester";
    public static final String AUTOMATICALLY = "auto";
    public static final String BY_ADMIN = "admin";

    public boolean isSpecialist(String userId) {
        return specialistId.equals(userId);
    }

    public boolean isRequester(String userId) {
        return requesterId.equals(userId);
    }

    /** Confirmed, but the provider council had no hourly rate for the booking's week. */
    public boolean missingRate() {
        return status == EntryStatus.CONFIRMED && ratePence == null;
    }
}
