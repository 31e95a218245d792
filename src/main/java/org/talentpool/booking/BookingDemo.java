package org.talentpool.booking;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.talentpool.availability.WeeklyCapacity;
import org.talentpool.availability.Weeks;
import org.talentpool.persistence.AuditLog;
import org.talentpool.sandbox.DemoContext;
import org.talentpool.sandbox.DemoData;
import org.talentpool.sandbox.DemoPerson;
import org.talentpool.sandbox.DemoSeed;

/**
 * One booking for the sandbox, so that the App Homes and {@code /pool bookings} show one from the start: the demo
 * requester has booked an hour of the Bristol climate officer this week, and it was accepted. It runs after the
 * availability feature's seed (which gives the specialist their hours), holds and confirms the hour through
 * {@link WeeklyCapacity} as a real booking would, is audited as demo data, and is marked.
 */
final class BookingDemo implements DemoSeed {
    static final String SPECIALIST = "UBST03";
    static final String NEED = "A second pair of eyes on our carbon baseline before it goes to the climate committee.";

    private final WeeklyCapacity capacity;
    private final ZoneId zone;
    private final AuditLog audit;

    BookingDemo(WeeklyCapacity capacity, ZoneId zone, AuditLog audit) {
        this.capacity = capacity;
        this.zone = zone;
        this.audit = audit;
    }

    @Override
    public void seed(DemoContext demo) {
        Optional<DemoPerson> requester = demo.people(DemoPerson.Kind.REQUESTER).stream().findFirst();
        Optional<DemoPerson> specialist = demo.people(DemoPerson.Kind.SPECIALIST).stream()
                .filter(person -> person.userId().equals(SPECIALIST)).findFirst();
        if (requester.isEmpty() || specialist.isEmpty()) {
            return;
        }
        Handle handle = demo.handle();
        BookingDao bookings = handle.attach(BookingDao.class);
        OffsetDateTime now = OffsetDateTime.now(demo.clock());
        LocalDate week = Weeks.weekStart(now.toInstant(), zone);
        int minutes = 60;
        String specialistId = specialist.get().userId();
        String requesterId = requester.get().userId();
        bookings.insert("demo-booking-1", specialistId, requesterId,
                demo.councilId(specialist.get().councilCode().orElseThrow()),
                demo.councilId(requester.get().councilCode().orElseThrow()), week, minutes, NEED, "DEMO-PO-1", now);
        Booking booking = bookings.findByRequestKey("demo-booking-1").orElseThrow();
        if (!capacity.hold(handle, specialistId, week, minutes) || !capacity.confirm(handle, specialistId, week, minutes)
                || bookings.changeStatus(booking.id(), BookingStatus.REQUESTED.dbValue(),
                        BookingStatus.ACCEPTED.dbValue(), specialistId, null, now) != 1) {
            throw new IllegalStateException("The demo booking of " + specialistId + " could not be made");
        }
        demo.mark("booking", booking.id());
        audit.record(handle, AuditLog.Change.of(DemoData.ACTOR, "booking.accepted", "booking", booking.id())
                .states(null, BookingService.describe(bookings.find(booking.id()).orElseThrow())).detail("demo data"));
    }
}
