package org.talentpool.booking;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.response.views.ViewsOpenResponse;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.talentpool.Services;
import org.talentpool.availability.Hours;
import org.talentpool.availability.ListingListener;
import org.talentpool.availability.WeeklyCapacity;
import org.talentpool.availability.Weeks;
import org.talentpool.council.Access;
import org.talentpool.council.CouncilStatusListener;
import org.talentpool.council.GateReplies;
import org.talentpool.council.Membership;
import org.talentpool.schedule.ScheduledJob;
import org.talentpool.slack.ClickReplies;
import org.talentpool.slack.CommandRegistry;
import org.talentpool.slack.PoolCommands;
import org.talentpool.slack.SlackFeature;
import org.talentpool.slack.SlackText;

/**
 * The Book button of search results and its modal, the specialist's Accept / Decline, Cancel by either side
 * (each with its reason modal), {@code /pool bookings}, the "Your bookings" App Home section, the unanswered-requests
 * and Monday digest jobs, the sandbox's demo booking, and the hooks other features call: the council-suspension
 * listener and the listing listener (a specialist paused or lost permission). Listeners parse, call
 * {@link BookingService} and acknowledge; a word to the clicker after the acknowledgement goes through the response
 * URL (or, from the App Home, a DM).
 */
public final class BookingFeature implements SlackFeature {
    private static final Logger log = LoggerFactory.getLogger(BookingFeature.class);
    private static final String SORRY = "Sorry, something went wrong on my side and nothing was changed."
            + " Please try again in a minute.";

    private final Membership membership;
    private final BookingService bookings;
    private final Executor work;
    private final Services services;
    private final BookingDemo demo;
    private final List<ScheduledJob> jobs;
    private final CouncilSuspensionNotices suspensions;
    private final List<Function<String, List<LayoutBlock>>> myBookingsAdditions = new CopyOnWriteArrayList<>();

    public BookingFeature(Services services) {
        ZoneId zone = services.config().timezone();
        WeeklyCapacity capacity = new WeeklyCapacity(services.jdbi(), services.clock(), zone);
        BookingTimeouts timeouts = BookingTimeouts.DEFAULT;
        this.bookings = new BookingService(services.jdbi(), services.clock(), zone, services.audit(), capacity,
                new SlackBookingNotifier(services.outbox(), timeouts, zone), timeouts, services.home().refresher());
        this.jobs = List.of(new UnansweredRequestsJob(bookings), new MondayDigestJob(bookings, zone));
        this.suspensions = new CouncilSuspensionNotices(bookings, services.clock());
        this.demo = new BookingDemo(capacity, zone, services.audit());
        this.membership = services.membership();
        this.work = services.work();
        this.services = services;
    }

    /** The service, for other features (the ledger reads accepted bookings of a week). */
    public BookingService service() {
        return bookings;
    }

    /** For {@code CouncilFeature}: a suspended council's open bookings are told to both sides. */
    public CouncilStatusListener councilStatusListener() {
        return suspensions;
    }

    /** For the availability feature: requesters of open bookings are told when the specialist stops being listed. */
    public ListingListener listingListener() {
        return (handle, specialistId, reason, at) -> bookings.tellSpecialistUnlisted(handle, specialistId,
                reason == ListingListener.Reason.PAUSED ? BookingNotifier.Unlisted.PAUSED
                        : BookingNotifier.Unlisted.PERMISSION_ENDED, at);
    }

    @Override
    public List<ScheduledJob> jobs() {
        return jobs;
    }

    /** Lets another feature add blocks for a member under {@code /pool bookings} (the ledger: hours to report). */
    public void addToMyBookings(Function<String, List<LayoutBlock>> blocks) {
        myBookingsAdditions.add(blocks);
    }

    @Override
    public void register(App app, CommandRegistry commands) {
        commands.pool("bookings", "/pool bookings", "your open bookings, made by you and of your time, with"
                + " Cancel buttons", call -> {
                    List<LayoutBlock> blocks = new ArrayList<>(BookingBlocks.myBookings(
                            bookings.bookingsOf(call.userId())));
                    myBookingsAdditions.forEach(addition -> blocks.addAll(addition.apply(call.userId())));
                    return PoolCommands.ephemeral(call.context(), blocks);
                });
        services.home().addSection(new BookingHomeSection(bookings));
        services.demoSeeds().add(demo);

        app.blockAction(BookingBlocks.BOOK, (request, ctx) -> book(request.getPayload(), ctx));
        app.viewSubmission(BookingModal.REQUEST, (request, ctx) -> submitRequest(request.getPayload().getUser().getId(),
                request.getPayload().getView(), ctx));

        app.blockAction(BookingBlocks.ACCEPT, (request, ctx) -> accept(request.getPayload(), ctx));
        app.blockAction(BookingBlocks.DECLINE, (request, ctx) -> openReasonModal(request.getPayload(), ctx,
                BookingService.Action.DECLINE));
        app.blockAction(BookingBlocks.CANCEL, (request, ctx) -> openReasonModal(request.getPayload(), ctx,
                BookingService.Action.CANCEL));
        app.viewSubmission(BookingModal.DECLINE, (request, ctx) -> submitReason(request.getPayload().getUser().getId(),
                request.getPayload().getView(), ctx, BookingService.Action.DECLINE));
        app.viewSubmission(BookingModal.CANCEL, (request, ctx) -> submitReason(request.getPayload().getUser().getId(),
                request.getPayload().getView(), ctx, BookingService.Action.CANCEL));
    }

    /** Book: checks the member and the specialist, then opens the modal with the click's trigger (3 s). */
    private Response book(BlockActionPayload payload, ActionContext ctx) {
        String clicker = payload.getUser().getId();
        String[] value = String.valueOf(payload.getActions().get(0).getValue()).split("\\|");
        if (value.length != 2) {
            return ctx.ack();
        }
        String specialistId = value[0];
        LocalDate preferredWeek;
        try {
            preferredWeek = LocalDate.parse(value[1]);
        } catch (DateTimeParseException e) {
            return ctx.ack();
        }
        try {
            Access access = membership.check(clicker);
            if (!(access instanceof Access.Allowed allowed)) {
                tellLater(ctx, SlackText.escape(GateReplies.text(access)));
                return ctx.ack();
            }
            BookingService.OfferResult offer = bookings.offer(allowed.member(), specialistId);
            String who = SlackText.mention(specialistId);
            if (offer instanceof BookingService.OfferResult.Bookable bookable) {
                View form = BookingModal.form(bookable.offer(), preferredWeek);
                ViewsOpenResponse opened = ctx.client().viewsOpen(r -> r.triggerId(payload.getTriggerId()).view(form));
                if (!opened.isOk()) {
                    log.warn("views.open for booking {} failed: {}", specialistId, opened.getError());
                    tellLater(ctx, "I couldn't open the booking form just now (Slack said `"
                            + SlackText.escape(opened.getError()) + "`). Please click *Book* again.");
                }
            } else if (offer instanceof BookingService.OfferResult.NoHoursLeft) {
                tellLater(ctx, who + " has no hours left this week or next: they are all held or booked."
                        + " Try `/find-expert` again for someone else.");
            } else if (offer instanceof BookingService.OfferResult.OwnCouncil) {
                tellLater(ctx, who + " works for your own council; the pool is for borrowing time from other"
                        + " councils.");
            } else {
                tellLater(ctx, who + " isn't taking bookings at the moment (paused, or without their manager's"
                        + " permission).");
            }
        } catch (Exception e) {
            log.error("Book {} by {} failed", specialistId, clicker, e);
            tellLater(ctx, SORRY);
        }
        return ctx.ack();
    }

    private Response submitRequest(String userId, View view, ViewSubmissionContext ctx) {
        try {
            Access access = membership.check(userId);
            if (!(access instanceof Access.Allowed allowed)) {
                return ctx.ackWithUpdate(BookingModal.done("Can't book", SlackText.escape(GateReplies.text(access))));
            }
            BookingService.RequestOutcome outcome = bookings.request(allowed.member(), view.getId(),
                    BookingModal.read(view));
            if (outcome instanceof BookingService.RequestOutcome.Invalid invalid) {
                return ctx.ackWithErrors(invalid.errors());
            }
            if (outcome instanceof BookingService.RequestOutcome.HoursGone gone) {
                return ctx.ackWithErrors(gone.errors());
            }
            Booking booking = outcome instanceof BookingService.RequestOutcome.Created created ? created.booking()
                    : ((BookingService.RequestOutcome.AlreadyRequested) outcome).booking();
            return ctx.ackWithUpdate(BookingModal.done("Request sent", "*Request sent.* I've held "
                    + Hours.format(booking.minutes()) + " of " + SlackText.mention(booking.specialistId())
                    + "'s time in " + BookingBlocks.week(booking.weekStart()) + " and asked them to accept. I'll"
                    + " message you when they answer; `/pool bookings` lists your bookings."));
        } catch (RuntimeException e) {
            log.error("Booking request by {} failed", userId, e);
            return ctx.ackWithErrors(Map.of(BookingForm.NEED, "Sorry, something went wrong on my side and nothing"
                    + " was booked. Please try again in a minute."));
        }
    }

    private Response accept(BlockActionPayload payload, ActionContext ctx) {
        String clicker = payload.getUser().getId();
        Optional<Long> bookingId = bookingId(payload);
        if (bookingId.isEmpty()) {
            return ctx.ack();
        }
        try {
            BookingService.Answer answer = bookings.accept(bookingId.get(), clicker, message(payload));
            refusal(answer, clicker).ifPresent(text -> tellLater(ctx, text));
        } catch (RuntimeException e) {
            log.error("Accepting booking {} by {} failed", bookingId.get(), clicker, e);
            tellLater(ctx, SORRY);
        }
        return ctx.ack();
    }

    /** Decline or Cancel: opens the modal asking for the reason, unless the change is no longer possible. */
    private Response openReasonModal(BlockActionPayload payload, ActionContext ctx, BookingService.Action action) {
        String clicker = payload.getUser().getId();
        Optional<Long> bookingId = bookingId(payload);
        if (bookingId.isEmpty()) {
            return ctx.ack();
        }
        try {
            BookingService.Answer check = bookings.check(bookingId.get(), clicker, action);
            if (!(check instanceof BookingService.Answer.Allowed allowed)) {
                refusal(check, clicker).ifPresent(text -> tellLater(ctx, text));
                return ctx.ack();
            }
            BookingModal.Target target = new BookingModal.Target(bookingId.get(), message(payload));
            View form = action == BookingService.Action.DECLINE ? BookingModal.declineForm(allowed.booking(), target)
                    : BookingModal.cancelForm(allowed.booking(), clicker, target);
            ViewsOpenResponse opened = ctx.client().viewsOpen(r -> r.triggerId(payload.getTriggerId()).view(form));
            if (!opened.isOk()) {
                log.warn("views.open for {} of booking {} failed: {}", action, bookingId.get(), opened.getError());
                tellLater(ctx, "I couldn't open the form just now (Slack said `" + SlackText.escape(opened.getError())
                        + "`). Please click the button again.");
            }
        } catch (Exception e) {
            log.error("{} of booking {} by {} failed", action, bookingId.get(), clicker, e);
            tellLater(ctx, SORRY);
        }
        return ctx.ack();
    }

    private Response submitReason(String userId, View view, ViewSubmissionContext ctx, BookingService.Action action) {
        Optional<BookingModal.Target> target = BookingModal.Target.parse(view.getPrivateMetadata());
        if (target.isEmpty()) {
            return ctx.ackWithUpdate(BookingModal.done("Nothing changed", "I can't tell which booking this was"
                    + " about. Please use the button on the booking again."));
        }
        try {
            String reason = BookingModal.reason(view.getState());
            BookingService.Answer answer = action == BookingService.Action.DECLINE
                    ? bookings.decline(target.get().bookingId(), userId, reason, target.get().message())
                    : bookings.cancel(target.get().bookingId(), userId, reason, target.get().message());
            if (answer instanceof BookingService.Answer.Invalid invalid) {
                return ctx.ackWithErrors(invalid.errors());
            }
            if (answer instanceof BookingService.Answer.Done done) {
                Booking booking = done.booking();
                String text = (action == BookingService.Action.DECLINE ? "You declined the request for "
                        : "You cancelled the booking of ") + BookingBlocks.hoursAndWeek(booking) + ". I've told "
                        + SlackText.mention(booking.otherSide(userId)) + ".";
                return ctx.ackWithUpdate(BookingModal.done(action == BookingService.Action.DECLINE ? "Declined"
                        : "Cancelled", text));
            }
            return ctx.ackWithUpdate(BookingModal.done("Nothing changed", refusal(answer, userId).orElse(SORRY)));
        } catch (RuntimeException e) {
            log.error("{} of booking {} by {} failed", action, target.get().bookingId(), userId, e);
            return ctx.ackWithErrors(Map.of(BookingForm.REASON, SORRY));
        }
    }

    /** What the clicker is told when nothing changed; empty when the change was made. */
    static Optional<String> refusal(BookingService.Answer answer, String viewerId) {
        if (answer instanceof BookingService.Answer.NotYours notYours) {
            return Optional.of("Only " + SlackText.mention(notYours.booking().specialistId())
                    + " can answer this request.");
        }
        if (answer instanceof BookingService.Answer.AlreadySettled settled) {
            return Optional.of(settled(settled.booking(), viewerId));
        }
        if (answer instanceof BookingService.Answer.WeekOver over) {
            return Optional.of("The week of " + Weeks.dayMonth(over.booking().weekStart()) + " is over, so this"
                    + " booking can't change now.");
        }
        if (answer instanceof BookingService.Answer.NotFound) {
            return Optional.of("I can't find that booking any more.");
        }
        return Optional.empty();
    }

    private static String settled(Booking booking, String viewerId) {
        String by = viewerId.equals(booking.changedBy()) ? "You" : SlackText.mention(booking.changedBy());
        return switch (booking.status()) {
            case REQUESTED -> "This request is still waiting for an answer.";
            case ACCEPTED -> by + " accepted this booking already.";
            case DECLINED -> by + " declined this request already.";
            case CANCELLED -> by + " cancelled this booking already.";
            case EXPIRED -> "This request lapsed unanswered, and its hours were released.";
        };
    }

    private static Optional<Long> bookingId(BlockActionPayload payload) {
        try {
            return Optional.of(Long.parseLong(payload.getActions().get(0).getValue()));
        } catch (NumberFormatException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /** The message the button was on, when it can be updated (not an ephemeral reply). */
    private static Optional<BookingNotifier.MessageRef> message(BlockActionPayload payload) {
        var container = payload.getContainer();
        if (container == null || container.isEphemeral() || container.getMessageTs() == null
                || container.getChannelId() == null) {
            return Optional.empty();
        }
        return Optional.of(new BookingNotifier.MessageRef(container.getChannelId(), container.getMessageTs()));
    }

    /** A word to the clicker after the acknowledgement: through the response URL, or a DM from the App Home. */
    private void tellLater(ActionContext ctx, String mrkdwn) {
        ClickReplies.tell(ctx, work, mrkdwn);
    }
}
