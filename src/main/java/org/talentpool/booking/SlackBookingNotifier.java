package org.talentpool.booking;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.LayoutBlock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.talentpool.availability.Hours;
import org.talentpool.availability.Weeks;
import org.talentpool.slack.Outbox;
import org.talentpool.slack.SlackMessages;
import org.talentpool.slack.SlackText;

/**
 * Booking messages as Slack DMs, queued in the outbox in the caller's transaction. Dedup keys name the booking,
 * the event and the recipient ({@code booking-42-accepted-U123}), so a retried change queues nothing twice.
 */
final class SlackBookingNotifier implements BookingNotifier {
    private static final DateTimeFormatter LAPSE = DateTimeFormatter.ofPattern("EEE d MMM 'at' HH:mm", Locale.UK);

    private final Outbox outbox;
    private final BookingTimeouts timeouts;
    private final ZoneId zone;

    SlackBookingNotifier(Outbox outbox, BookingTimeouts timeouts, ZoneId zone) {
        this.outbox = outbox;
        this.timeouts = timeouts;
        this.zone = zone;
    }

    @Override
    public void requested(Handle handle, Booking booking) {
        String ask = SlackText.mention(booking.requesterId()) + " (" + BookingBlocks.council(
                booking.requesterCouncilName()) + ") would like to book " + Hours.format(booking.minutes())
                + " of your time in " + BookingBlocks.week(booking.weekStart()) + ".";
        List<LayoutBlock> toSpecialist = new ArrayList<>(details(ask, booking));
        toSpecialist.add(BookingBlocks.buttons(booking, List.of(BookingBlocks.accept(booking),
                BookingBlocks.decline(booking))));
        toSpecialist.add(context(c -> c.elements(List.of(markdownText("The hours are held for them until you"
                + " answer. If you don't answer within " + duration(timeouts.expireAfter()) + ", the request"
                + " lapses and the hours are free again.")))));
        post(handle, booking, "requested", booking.specialistId(), ask, toSpecialist);

        String confirmation = "I've asked " + SlackText.mention(booking.specialistId()) + " (" + BookingBlocks.council(
                booking.specialistCouncilName()) + ") for " + BookingBlocks.hoursAndWeek(booking)
                + ", and held the hours for you. I'll tell you when they answer.";
        List<LayoutBlock> toRequester = new ArrayList<>(details(confirmation, booking));
        toRequester.add(BookingBlocks.buttons(booking, List.of(BookingBlocks.cancel(booking))));
        post(handle, booking, "requested", booking.requesterId(), confirmation, toRequester);
    }

    @Override
    public void changed(Handle handle, Booking booking, BookingStatus.Transition transition,
                        Optional<MessageRef> actorMessage) {
        String event = booking.status().dbValue();
        String actor = booking.changedBy();
        String specialist = SlackText.mention(booking.specialistId());
        String requester = SlackText.mention(booking.requesterId());
        String what = BookingBlocks.hoursAndWeek(booking);
        String reason = booking.reason() == null ? "" : ": “" + SlackText.escape(booking.reason()) + "”";
        switch (transition) {
            case ACCEPT -> {
                toActor(handle, booking, event, actorMessage, "✅ You accepted " + requester + "'s booking ("
                        + BookingBlocks.council(booking.requesterCouncilName()) + "): " + what
                        + ". Get in touch with them to arrange the work.", true);
                post(handle, booking, event, booking.requesterId(), "✅ " + specialist + " accepted your booking: "
                        + what + ". Get in touch with them to arrange the work.", true);
            }
            case DECLINE -> {
                toActor(handle, booking, event, actorMessage, "You declined " + requester + "'s request for " + what
                        + ". I've told them.", false);
                post(handle, booking, event, booking.requesterId(), "✋ " + specialist + " declined your request for "
                        + what + reason + ". The hours are released; `/find-expert` finds someone else.", false);
            }
            case CANCEL_REQUEST, CANCEL_BOOKING -> {
                String other = booking.otherSide(actor);
                toActor(handle, booking, event, actorMessage, "You cancelled the booking with "
                        + SlackText.mention(other) + " for " + what + ". I've told them.", false);
                String notice = booking.isRequester(other)
                        ? "✋ " + specialist + " cancelled your booking of " + what + reason
                                + ". `/find-expert` finds someone else."
                        : "✋ " + requester + " cancelled their booking of your time, " + what + reason
                                + ". Those hours are free again.";
                post(handle, booking, event, other, notice, false);
            }
            case EXPIRE -> {
                post(handle, booking, event, booking.requesterId(), "⌛ " + specialist + " didn't answer your request"
                        + " for " + what + " within " + duration(timeouts.expireAfter()) + ", so it has lapsed and"
                        + " the hours are released. `/find-expert` finds someone else.", false);
                post(handle, booking, event, booking.specialistId(), "⌛ The request from " + requester + " for "
                        + what + " lapsed unanswered, so those hours are free again.", false);
            }
        }
    }

    @Override
    public void reminded(Handle handle, Booking booking, Instant lapsesAt) {
        String text = "⏰ Reminder: " + SlackText.mention(booking.requesterId()) + " (" + BookingBlocks.council(
                booking.requesterCouncilName()) + ") is waiting for your answer to their request for "
                + BookingBlocks.hoursAndWeek(booking) + ". It lapses on " + LAPSE.format(lapsesAt.atZone(zone))
                + " if you don't answer.";
        List<LayoutBlock> blocks = new ArrayList<>(details(text, booking));
        blocks.add(BookingBlocks.buttons(booking, List.of(BookingBlocks.accept(booking),
                BookingBlocks.decline(booking))));
        post(handle, booking, "reminder", booking.specialistId(), text, blocks);
    }

    @Override
    public void councilSuspended(Handle handle, Booking booking, long councilId, Instant suspendedAt) {
        String event = "council-" + councilId + "-suspended-" + suspendedAt.getEpochSecond();
        boolean specialistSide = booking.specialistCouncilId() == councilId;
        String suspendedMember = specialistSide ? booking.specialistId() : booking.requesterId();
        String council = BookingBlocks.council(specialistSide ? booking.specialistCouncilName()
                : booking.requesterCouncilName());
        String other = booking.otherSide(suspendedMember);
        String what = BookingBlocks.hoursAndWeek(booking);
        post(handle, booking, event, suspendedMember, "⚠️ Your council (" + council + ") has been suspended from the"
                + " pool. Your booking with " + SlackText.mention(other) + " for " + what + " is kept; a community"
                + " admin can tell you more.", false);
        post(handle, booking, event, other, "⚠️ " + council + ", " + SlackText.mention(suspendedMember)
                + "'s council, has been suspended from the pool. Your booking with them for " + what
                + " is kept; a community admin can tell you more.", false);
    }

    @Override
    public void specialistUnlisted(Handle handle, Booking booking, Unlisted why, Instant at) {
        String because = why == Unlisted.PAUSED ? "has paused their availability"
                : "no longer has their manager's permission to offer time";
        String stands = booking.status() == BookingStatus.REQUESTED
                ? "Your request for " + BookingBlocks.hoursAndWeek(booking) + " stays open: they can still accept or"
                        + " decline it."
                : "Your confirmed booking for " + BookingBlocks.hoursAndWeek(booking) + " stands.";
        String event = "unlisted-" + why.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-" + at.getEpochSecond();
        post(handle, booking, event, booking.requesterId(),
                SlackText.mention(booking.specialistId()) + " " + because + ", so nobody can book them for now. "
                        + stands, false);
    }

    /** The most bookings of each kind a digest lists (a message holds at most 50 blocks). */
    static final int DIGEST_MAX_EACH = 10;

    @Override
    public boolean weekDigest(Handle handle, String userId, LocalDate weekStart, BookingService.MyBookings bookings) {
        List<Booking> made = bookings.made();
        List<Booking> ofMyTime = bookings.ofMyTime();
        List<String> parts = new ArrayList<>();
        if (!ofMyTime.isEmpty()) {
            parts.add(count(ofMyTime.size()) + " of your time");
        }
        if (!made.isEmpty()) {
            parts.add(count(made.size()) + " you made");
        }
        String text = "📅 Your bookings this week (w/c " + Weeks.dayMonth(weekStart) + "): " + String.join(", ", parts)
                + ".";
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText("*" + text + "*"))));
        blocks.addAll(BookingBlocks.myBookings(new BookingService.MyBookings(first(made), first(ofMyTime))));
        int left = Math.max(0, made.size() - DIGEST_MAX_EACH) + Math.max(0, ofMyTime.size() - DIGEST_MAX_EACH);
        String more = left > 0 ? "And " + count(left) + " more: " : "";
        blocks.add(context(c -> c.elements(List.of(markdownText(more + "`/pool bookings` lists all your open"
                + " bookings, this week and later.")))));
        return outbox.enqueue(handle, SlackMessages.post("digest-" + weekStart + "-" + userId, userId, text, blocks));
    }

    private static List<Booking> first(List<Booking> bookings) {
        return bookings.size() <= DIGEST_MAX_EACH ? bookings : bookings.subList(0, DIGEST_MAX_EACH);
    }

    private static String count(int bookings) {
        return bookings == 1 ? "1 booking" : bookings + " bookings";
    }

    /** The opening line, the week, hours and cost code, and the need, as blocks. */
    private static List<LayoutBlock> details(String headline, Booking booking) {
        String costCode = booking.costCode() == null ? "—" : SlackText.escape(booking.costCode());
        return List.of(
                section(s -> s.text(markdownText(headline))),
                section(s -> s.fields(List.of(
                        markdownText("*Week*\nw/c " + Weeks.dayMonth(booking.weekStart())),
                        markdownText("*Hours*\n" + Hours.format(booking.minutes())),
                        markdownText("*Cost code / PO*\n" + costCode)))),
                section(s -> s.text(markdownText("*What they need*\n" + BookingBlocks.quote(booking.need())))));
    }

    /** The actor's own record of what they did: their message updated, or a DM when there is none to update. */
    private void toActor(Handle handle, Booking booking, String event, Optional<MessageRef> actorMessage, String text,
                         boolean withCancel) {
        List<LayoutBlock> blocks = blocks(booking, text, withCancel);
        if (actorMessage.isPresent()) {
            outbox.enqueue(handle, SlackMessages.update("booking-" + booking.id() + "-" + event + "-update",
                    actorMessage.get().channel(), actorMessage.get().ts(), text, blocks));
        } else {
            outbox.enqueue(handle, SlackMessages.post(key(booking, event, booking.changedBy()), booking.changedBy(),
                    text, blocks));
        }
    }

    private void post(Handle handle, Booking booking, String event, String recipient, String text, boolean withCancel) {
        post(handle, booking, event, recipient, text, blocks(booking, text, withCancel));
    }

    private void post(Handle handle, Booking booking, String event, String recipient, String text,
                      List<LayoutBlock> blocks) {
        outbox.enqueue(handle, SlackMessages.post(key(booking, event, recipient), recipient, text, blocks));
    }

    private static List<LayoutBlock> blocks(Booking booking, String text, boolean withCancel) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(text))));
        if (withCancel) {
            blocks.add(BookingBlocks.buttons(booking, List.of(BookingBlocks.cancel(booking))));
        }
        return blocks;
    }

    private static String key(Booking booking, String event, String recipient) {
        return "booking-" + booking.id() + "-" + event + "-" + recipient;
    }

    /** "3 days", "36 hours". */
    static String duration(Duration duration) {
        long hours = duration.toHours();
        if (hours % 24 == 0) {
            long days = hours / 24;
            return days == 1 ? "a day" : days + " days";
        }
        return hours == 1 ? "an hour" : hours + " hours";
    }
}
