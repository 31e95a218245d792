package org.talentpool.booking;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * A request for {@code minutes} of a specialist's time in the ISO week starting {@code weekStart}, with both
 * sides' councils as they were when it was made. {@code need}, {@code costCode} and {@code reason} are user text:
 * escape them before showing them in Slack.
 */
public record Booking(long id, String requestKey, String specialistId, String requesterId, long specialistCouncilId,
                      String specialistCouncilName, long requesterCouncilId, String requesterCouncilName,
                      LocalDate weekStart, int minutes, String need, String costCode, BookingStatus status,
                      OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime remindedAt,
                      String changedBy, String reason) {

    public boolean isSpecialist(String userId) {
        return specialistId.equals(userId);
    }

    public boolean isRequester(String userId) {
        return requesterId.equals(userId);
    }

    /** The person on the other side from {@code userId}. */
    public String otherSide(String userId) {
        return isSpecialist(userId) ? requesterId : specialistId;
    }

    /** True once the booking's week has ended (on or after the following Monday). */
    public boolean weekOverOn(LocalDate today) {
        return !today.isBefore(weekStart.plusWeeks(1));
    }
}
