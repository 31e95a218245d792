package org.talentpool.booking;

import java.util.Locale;

/**
 * Where a booking stands, and the one place its state machine is written down: {@link Transition} lists
 * every change a booking can go through, the status it must be in, the status it ends in and what happens to
 * the specialist's hours. {@link BookingService} applies a transition as one conditional update.
 */
public enum BookingStatus {
    /** Asked for; the hours are held until the specialist answers. */
    REQUESTED,
    /** The specialist agreed; the hours are booked. */
    ACCEPTED,
    DECLINED,
    CANCELLED,
    /** Nobody answered in time; the hours were released. */
    EXPIRED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BookingStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Still holding or booking hours, so it can change again. */
    public boolean open() {
        return this == REQUESTED || this == ACCEPTED;
    }

    /** What a transition does to the specialist's week. */
    public enum HoursEffect {
        /** held → booked */
        CONFIRM,
        /** held → free */
        RELEASE_HELD,
        /** booked → free */
        RELEASE_BOOKED
    }

    /** Every change of status a booking can go through. */
    public enum Transition {
        ACCEPT(REQUESTED, ACCEPTED, HoursEffect.CONFIRM, "booking.accepted"),
        DECLINE(REQUESTED, DECLINED, HoursEffect.RELEASE_HELD, "booking.declined"),
        CANCEL_REQUEST(REQUESTED, CANCELLED, HoursEffect.RELEASE_HELD, "booking.cancelled"),
        EXPIRE(REQUESTED, EXPIRED, HoursEffect.RELEASE_HELD, "booking.expired"),
        CANCEL_BOOKING(ACCEPTED, CANCELLED, HoursEffect.RELEASE_BOOKED, "booking.cancelled");

        private final BookingStatus from;
        private final BookingStatus to;
        private final HoursEffect hours;
        private final String auditAction;

        Transition(BookingStatus from, BookingStatus to, HoursEffect hours, String auditAction) {
            this.from = from;
            this.to = to;
            this.hours = hours;
            this.auditAction = auditAction;
        }

        public BookingStatus from() {
            return from;
        }

        public BookingStatus to() {
            return to;
        }

        public HoursEffect hours() {
            return hours;
        }

        public String auditAction() {
            return auditAction;
        }

        /** Cancelling is one word for two transitions: a request and a confirmed booking release different hours. */
        public static Transition cancel(BookingStatus current) {
            return current == ACCEPTED ? CANCEL_BOOKING : CANCEL_REQUEST;
        }
    }
}
