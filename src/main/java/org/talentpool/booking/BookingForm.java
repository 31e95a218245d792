package org.talentpool.booking;

/**
 * The booking modal as submitted, before validation: the specialist (from the modal's private metadata), the
 * week chosen (the Monday, ISO date), the hours, what the requester needs and an optional cost code or PO.
 * The field names double as the modal's block IDs, so validation errors land next to their field.
 */
public record BookingForm(String specialistId, String week, String hours, String need, String costCode) {
    public static final String WEEK = "week";
    public static final String HOURS = "hours";
    public static final String NEED = "need";
    public static final String COST_CODE = "cost_code";
    /** The reason field of the decline and cancel modals. */
    public static final String REASON = "reason";

    public static final int MAX_NEED = 1000;
    public static final int MAX_COST_CODE = 100;
    public static final int MAX_REASON = 500;
}
