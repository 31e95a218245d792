package org.talentpool.booking;

/** For the booking benchmark: the modal's callback ID, which is package-private to booking. */
public final class BookingModalIds {
    public static final String REQUEST = BookingModal.REQUEST;

    private BookingModalIds() {}
}
