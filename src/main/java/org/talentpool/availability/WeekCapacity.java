package org.talentpool.availability;

import java.time.LocalDate;

/**
 * One specialist's capacity for one ISO week, in minutes. {@code offered} is what may be held or booked;
 * {@code requested} is what the specialist asked to offer (their default unless {@code overridden} for this
 * week), which is more than {@code offered} while the manager's permission caps it, while paused, or
 * before permission is given. The database guarantees {@code held + booked <= offered}.
 */
public record WeekCapacity(String specialistId, LocalDate weekStart, int requestedMinutes, int offeredMinutes,
                           int heldMinutes, int bookedMinutes, boolean overridden) {

    /** Minutes still free to hold: offered − held − booked. */
    public int leftMinutes() {
        return offeredMinutes - heldMinutes - bookedMinutes;
    }

    /** Minutes already promised (held or booked); offers cannot go below this. */
    public int committedMinutes() {
        return heldMinutes + bookedMinutes;
    }

    /** True when the offer is below what the specialist asked for (permission cap, pause, no permission). */
    public boolean capped() {
        return offeredMinutes < requestedMinutes;
    }
}
