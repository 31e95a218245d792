package org.talentpool.ledger;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.response.views.ViewsOpenResponse;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import io.javalin.Javalin;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.talentpool.Services;
import org.talentpool.availability.Hours;
import org.talentpool.availability.Weeks;
import org.talentpool.booking.BookingFeature;
import org.talentpool.council.Council;
import org.talentpool.council.CouncilDao;
import org.talentpool.council.CouncilRates;
import org.talentpool.http.HttpRoutes;
import org.talentpool.schedule.ScheduledJob;
import org.talentpool.slack.CommandRegistry;
import org.talentpool.slack.PoolCommands;
import org.talentpool.slack.SlackFeature;
import org.talentpool.slack.SlackText;

/**
 * Hours delivered and the ledger in Slack: the Report hours / Confirm / Dispute buttons and their forms, the App Home
 * section, the past bookings added to {@code /pool bookings}; statements ({@code /pool-admin statement},
 * {@code /pool statement} for council leads, {@code GET /reports/statements/<month>.csv}); disputes for admins;
 * a member's own data ({@code /pool export}, {@code /pool forget-me}); and the Friday and daily jobs. Listeners parse,
 * call a service and acknowledge; files and erasure are made after the acknowledgement on the app's executor.
 */
public final class LedgerFeature implements SlackFeature, HttpRoutes {
    private static final Logger log = LoggerFactory.getLogger(LedgerFeature.class);
    static final String STATEMENT_EXAMPLE = "/pool-admin statement " + Statements.MONTH_EXAMPLE;
    static final String LEAD_STATEMENT_EXAMPLE = "/pool statement " + Statements.MONTH_EXAMPLE;
    static final String RESOLVE_EXAMPLE = "/pool-admin resolve 42 confirm";
    static final String REPRICE_EXAMPLE = "/pool-admin reprice " + Statements.MONTH_EXAMPLE;
    private static final String SORRY = "Sorry, something went wrong on my side and nothing was changed."
            + " Please try again in a minute.";

    private final Services services;
    private final Jdbi jdbi;
    private final ZoneId zone;
    private final Executor work;
    private final LedgerService ledger;
    private final Statements statements;
    private final MemberDataExport export;
    private final MemberErasure erasure;
    private volatile FileSender files;

    public LedgerFeature(Services services, BookingFeature booking) {
        this.services = services;
        this.jdbi = services.jdbi();
        this.zone = services.config().timezone();
        this.work = services.work();
        this.ledger = new LedgerService(jdbi, services.clock(), zone, services.audit(), new CouncilRates(jdbi),
                new SlackLedgerNotifier(services.outbox(), services.config().adminChannel(), services.admins()::all,
                        zone),
                services.home().refresher());
        this.statements = new Statements(jdbi);
        this.export = new MemberDataExport(jdbi, services.clock(), zone, services.audit(), services.admins());
        this.erasure = new MemberErasure(jdbi, services.clock(), zone, services.audit(), booking.service(),
                services.home().refresher());
        services.home().addSection(viewer -> LedgerBlocks.home(ledger.unreported(viewer.userId()),
                ledger.awaitingConfirmation(viewer.userId()), zone));
        booking.addToMyBookings(userId -> LedgerBlocks.toReport(ledger.unreported(userId)));
    }

    /** The service, for tests and other features. */
    public LedgerService service() {
        return ledger;
    }

    @Override
    public List<ScheduledJob> jobs() {
        return List.of(new HoursDeliveredJob(ledger, services.clock()), new AutoConfirmJob(ledger, services.clock()));
    }

    @Override
    public void addRoutes(Javalin routes) {
        services.config().reportsToken().ifPresent(token -> {
            StatementEndpoint endpoint = new StatementEndpoint(token, statements);
            routes.get(StatementEndpoint.PATH, endpoint::handle);
        });
    }

    @Override
    public void register(App app, CommandRegistry commands) {
        files = new SlackFileSender(app.client(), services.config().botToken().orElseThrow());
        commands.pool("statement", LEAD_STATEMENT_EXAMPLE, "council leads: what your council owes and is owed for a"
                + " month, as a CSV file", this::leadStatement);
        commands.pool("export", "/pool export", "a file of everything the pool holds about you", this::export);
        commands.pool("forget-me", "/pool forget-me", "erase your personal data from the pool (asks you first)",
                call -> PoolCommands.ephemeral(call.context(), LedgerBlocks.forgetMe()));
        commands.admin("statement", STATEMENT_EXAMPLE, "what councils owe each other for a month (by the week's"
                + " Monday): a CSV file and a summary", this::adminStatement);
        commands.admin("disputes", "/pool-admin disputes", "hours delivered that requesters dispute",
                call -> PoolCommands.ephemeral(call.context(), LedgerBlocks.disputes(ledger.disputes())));
        commands.admin("resolve", RESOLVE_EXAMPLE, "settle a dispute with the hours reported, or give the hours"
                + " (`/pool-admin resolve 42 1.5 <note>`)", this::resolve);
        commands.admin("reprice", REPRICE_EXAMPLE, "price a month's confirmed hours whose council had no rate,"
                + " once a rate is set for their week", this::reprice);

        app.blockAction(LedgerBlocks.REPORT, (request, ctx) -> openReport(request.getPayload(), ctx));
        app.blockAction(LedgerBlocks.CONFIRM, (request, ctx) -> confirm(request.getPayload(), ctx));
        app.blockAction(LedgerBlocks.DISPUTE, (request, ctx) -> openDispute(request.getPayload(), ctx));
        app.blockAction(LedgerBlocks.FORGET_ME, (request, ctx) -> forgetMe(request.getPayload(), ctx));
        app.viewSubmission(LedgerModal.REPORT, (request, ctx) -> submitReport(request.getPayload().getUser().getId(),
                request.getPayload().getView(), ctx));
        app.viewSubmission(LedgerModal.DISPUTE, (request, ctx) -> submitDispute(
                request.getPayload().getUser().getId(), request.getPayload().getView(), ctx));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Hours delivered

    private Response openReport(BlockActionPayload payload, ActionContext ctx) {
        String clicker = payload.getUser().getId();
        OptionalLong bookingId = bookingId(payload);
        if (bookingId.isEmpty()) {
            return ctx.ack();
        }
        try {
            LedgerService.Answer check = ledger.checkReport(bookingId.getAsLong(), clicker);
            if (check instanceof LedgerService.Answer.MayReport report) {
                openModal(ctx, payload, LedgerModal.reportForm(report));
            } else {
                tellLater(ctx, refusal(check, clicker));
            }
        } catch (Exception e) {
            log.error("Opening the hours form of booking {} for {} failed", bookingId.getAsLong(), clicker, e);
            tellLater(ctx, SORRY);
        }
        return ctx.ack();
    }

    private Response submitReport(String userId, View view, ViewSubmissionContext ctx) {
        OptionalLong bookingId = LedgerModal.bookingId(view);
        if (bookingId.isEmpty()) {
            return ctx.ackWithUpdate(LedgerModal.done("Nothing changed", "I can't tell which booking this was about."
                    + " Please use the Report hours button again."));
        }
        try {
            LedgerService.Answer answer = ledger.report(bookingId.getAsLong(), userId,
                    LedgerModal.text(view, LedgerService.HOURS), LedgerModal.text(view, LedgerService.NOTE));
            if (answer instanceof LedgerService.Answer.Invalid invalid) {
                return ctx.ackWithErrors(invalid.errors());
            }
            if (answer instanceof LedgerService.Answer.Done done) {
                LedgerEntry entry = done.entry();
                return ctx.ackWithUpdate(LedgerModal.done("Hours sent", "Thank you. I've asked "
                        + LedgerBlocks.who(entry.requesterId()) + " to confirm the "
                        + Hours.format(entry.reportedMinutes()) + " you delivered in "
                        + LedgerBlocks.week(entry.weekStart()) + "."));
            }
            return ctx.ackWithUpdate(LedgerModal.done("Nothing changed", refusal(answer, userId)));
        } catch (RuntimeException e) {
            log.error("Reporting the hours of booking {} by {} failed", bookingId.getAsLong(), userId, e);
            return ctx.ackWithErrors(Map.of(LedgerService.HOURS, SORRY));
        }
    }

    private Response confirm(BlockActionPayload payload, ActionContext ctx) {
        String clicker = payload.getUser().getId();
        OptionalLong bookingId = bookingId(payload);
        if (bookingId.isEmpty()) {
            return ctx.ack();
        }
        try {
            LedgerService.Answer answer = ledger.confirm(bookingId.getAsLong(), clicker);
            if (answer instanceof LedgerService.Answer.Done done) {
                LedgerEntry entry = done.entry();
                replaceLater(ctx, "✅ You confirmed the " + Hours.format(entry.confirmedMinutes()) + " "
                        + LedgerBlocks.who(entry.specialistId()) + " delivered in "
                        + LedgerBlocks.week(entry.weekStart()) + ": " + LedgerBlocks.money(entry) + ".");
            } else {
                tellLater(ctx, refusal(answer, clicker));
            }
        } catch (RuntimeException e) {
            log.error("Confirming the hours of booking {} by {} failed", bookingId.getAsLong(), clicker, e);
            tellLater(ctx, SORRY);
        }
        return ctx.ack();
    }

    private Response openDispute(BlockActionPayload payload, ActionContext ctx) {
        String clicker = payload.getUser().getId();
        OptionalLong bookingId = bookingId(payload);
        if (bookingId.isEmpty()) {
            return ctx.ack();
        }
        try {
            LedgerService.Answer check = ledger.checkDispute(bookingId.getAsLong(), clicker);
            if (check instanceof LedgerService.Answer.MayDispute dispute) {
                openModal(ctx, payload, LedgerModal.disputeForm(dispute.entry()));
            } else {
                tellLater(ctx, refusal(check, clicker));
            }
        } catch (Exception e) {
            log.error("Opening the dispute form of booking {} for {} failed", bookingId.getAsLong(), clicker, e);
            tellLater(ctx, SORRY);
        }
        return ctx.ack();
    }

    private Response submitDispute(String userId, View view, ViewSubmissionContext ctx) {
        OptionalLong bookingId = LedgerModal.bookingId(view);
        if (bookingId.isEmpty()) {
            return ctx.ackWithUpdate(LedgerModal.done("Nothing changed", "I can't tell which hours this was about."
                    + " Please use the Dispute button again."));
        }
        try {
            LedgerService.Answer answer = ledger.dispute(bookingId.getAsLong(), userId,
                    LedgerModal.text(view, LedgerService.REASON));
            if (answer instanceof LedgerService.Answer.Invalid invalid) {
                return ctx.ackWithErrors(invalid.errors());
            }
            if (answer instanceof LedgerService.Answer.Done done) {
                return ctx.ackWithUpdate(LedgerModal.done("Disputed", "I've told "
                        + LedgerBlocks.who(done.entry().specialistId()) + " and the community admins, who will settle"
                        + " it and tell you both."));
            }
            return ctx.ackWithUpdate(LedgerModal.done("Nothing changed", refusal(answer, userId)));
        } catch (RuntimeException e) {
            log.error("Disputing the hours of booking {} by {} failed", bookingId.getAsLong(), userId, e);
            return ctx.ackWithErrors(Map.of(LedgerService.REASON, SORRY));
        }
    }

    /** What a member is told when nothing changed. */
    static String refusal(LedgerService.Answer answer, String viewerId) {
        if (answer instanceof LedgerService.Answer.NotYours notYours) {
            return "Only " + LedgerBlocks.who(notYours.allowedUserId()) + " can do this.";
        }
        if (answer instanceof LedgerService.Answer.AlreadySettled settled) {
            LedgerEntry entry = settled.entry();
            return switch (entry.status()) {
                case ASKED -> "The hours for " + LedgerBlocks.week(entry.weekStart()) + " haven't been reported yet.";
                case REPORTED -> (entry.isSpecialist(viewerId) ? "You reported " : LedgerBlocks.who(
                        entry.specialistId()) + " reported ") + Hours.format(entry.reportedMinutes()) + " for "
                        + LedgerBlocks.week(entry.weekStart()) + " already; " + LedgerBlocks.who(entry.requesterId())
                        + " is asked to confirm them.";
                case DISPUTED -> "The hours for " + LedgerBlocks.week(entry.weekStart()) + " are in dispute; a"
                        + " community admin will settle them.";
                case CONFIRMED -> "The hours for " + LedgerBlocks.week(entry.weekStart()) + " are confirmed already: "
                        + Hours.format(entry.confirmedMinutes()) + ".";
            };
        }
        if (answer instanceof LedgerService.Answer.TooEarly early) {
            return "You can report the hours from Friday " + Weeks.dayMonth(early.reportableFrom()) + ", when the"
                    + " week's work is done.";
        }
        if (answer instanceof LedgerService.Answer.NotAccepted) {
            return "This booking was cancelled, so there are no hours to report.";
        }
        if (answer instanceof LedgerService.Answer.NotFound) {
            return "I can't find that booking any more.";
        }
        return SORRY;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Statements

    private Response adminStatement(CommandRegistry.Call call) {
        Optional<YearMonth> month = Statements.parseMonth(call.args());
        if (month.isEmpty()) {
            return PoolCommands.ephemeral(call.context(), monthError(call.args(), STATEMENT_EXAMPLE));
        }
        work.execute(() -> sendStatement(call.context(), call.userId(), month.get(), Optional.empty()));
        return PoolCommands.ephemeral(call.context(), "Preparing the statement for " + Statements.monthName(
                month.get()) + ": it will arrive as a CSV file in our direct messages in a moment.");
    }

    private Response leadStatement(CommandRegistry.Call call) {
        List<Council> led = jdbi.withExtension(CouncilDao.class, dao -> dao.ledBy(call.userId()));
        if (led.isEmpty()) {
            return PoolCommands.ephemeral(call.context(), "Only council leads can see their council's statement. A"
                    + " community admin appoints leads with `/pool-admin lead <domain> @person`.");
        }
        Optional<YearMonth> month = Statements.parseMonth(call.args());
        if (month.isEmpty()) {
            return PoolCommands.ephemeral(call.context(), monthError(call.args(), LEAD_STATEMENT_EXAMPLE));
        }
        work.execute(() -> sendStatement(call.context(), call.userId(), month.get(), Optional.of(led)));
        return PoolCommands.ephemeral(call.context(), "Preparing the statement of " + led.stream()
                .map(council -> SlackText.escape(council.name())).collect(Collectors.joining(", ")) + " for "
                + Statements.monthName(month.get()) + ": it will arrive as a CSV file in our direct messages in a"
                + " moment.");
    }

    private static String monthError(String args, String example) {
        String given = args == null ? "" : args.trim();
        return (given.isEmpty() ? "Which month?" : "`" + SlackText.escape(given) + "` isn't a month.")
                + " Give it as YYYY-MM, for example `" + example + "`.";
    }

    /** Builds the statement (all councils, or those a lead leads) and sends it as a file with its summary. */
    private void sendStatement(SlashCommandContext ctx, String userId, YearMonth month, Optional<List<Council>> led) {
        try {
            Statement statement = statements.forMonth(month);
            String scope = "";
            if (led.isPresent()) {
                Set<Long> ids = led.get().stream().map(Council::id).collect(Collectors.toSet());
                statement = statement.limitedTo(ids);
                scope = led.get().stream().map(Council::name).collect(Collectors.joining(", "));
            }
            files.sendToUser(userId, StatementCsv.fileName(statement), "Statement " + month
                    + (scope.isEmpty() ? "" : " — " + scope), StatementCsv.bytes(statement),
                    StatementSummary.text(statement, scope));
        } catch (FileSender.NotSent e) {
            log.warn("Statement {} for {} not delivered: {}", month, userId, e.getMessage());
            respondLater(ctx, "I couldn't send the statement file (Slack said `" + SlackText.escape(e.getMessage())
                    + "`). Please try again in a minute.");
        } catch (RuntimeException e) {
            log.error("Statement {} for {} failed", month, userId, e);
            respondLater(ctx, "Sorry, something went wrong on my side while preparing the statement. Please try"
                    + " again in a minute.");
        }
    }

    private Response resolve(CommandRegistry.Call call) {
        String usage = "Give the number of the disputed hours and `confirm` (the hours reported) or the hours you"
                + " decide, then an optional note, e.g. `" + RESOLVE_EXAMPLE + "` or `/pool-admin resolve 42 1.5 Half"
                + " the work was done`. `/pool-admin disputes` lists them.";
        String[] words = call.args().trim().split("\\s+", 3);
        if (words.length < 2) {
            return PoolCommands.ephemeral(call.context(), usage);
        }
        long bookingId;
        try {
            bookingId = Long.parseLong(words[0].startsWith("#") ? words[0].substring(1) : words[0]);
        } catch (NumberFormatException e) {
            return PoolCommands.ephemeral(call.context(), "`" + SlackText.escape(words[0]) + "` isn't the number of"
                    + " disputed hours. " + usage);
        }
        OptionalInt minutes = OptionalInt.empty();
        if (!words[1].equalsIgnoreCase("confirm")) {
            if (!(DeliveredHours.parse(words[1]) instanceof Hours.Parsed.Minutes parsed)) {
                return PoolCommands.ephemeral(call.context(), "`" + SlackText.escape(words[1]) + "` isn't `confirm`"
                        + " or a number of hours. " + usage);
            }
            minutes = OptionalInt.of(parsed.minutes());
        }
        String note = words.length == 3 ? SlackText.unescape(words[2]) : null;
        LedgerService.Answer answer = ledger.resolve(bookingId, call.userId(), minutes, note);
        if (answer instanceof LedgerService.Answer.Done done) {
            LedgerEntry entry = done.entry();
            return PoolCommands.ephemeral(call.context(), "Settled #" + bookingId + ": "
                    + Hours.format(entry.confirmedMinutes()) + " confirmed (" + Hours.format(entry.reportedMinutes())
                    + " reported), " + LedgerBlocks.money(entry) + ". I've told both sides.");
        }
        if (answer instanceof LedgerService.Answer.Invalid invalid) {
            return PoolCommands.ephemeral(call.context(), String.join(" ", invalid.errors().values()) + " " + usage);
        }
        if (answer instanceof LedgerService.Answer.AlreadySettled settled) {
            LedgerEntry entry = settled.entry();
            return PoolCommands.ephemeral(call.context(), entry.status() == EntryStatus.CONFIRMED
                    ? "#" + bookingId + " is settled already: " + Hours.format(entry.confirmedMinutes())
                            + " confirmed."
                    : "#" + bookingId + " isn't in dispute (it is " + entry.status().dbValue() + ").");
        }
        return PoolCommands.ephemeral(call.context(), "There are no hours delivered numbered #" + bookingId + ". "
                + "`/pool-admin disputes` lists the disputes.");
    }

    private Response reprice(CommandRegistry.Call call) {
        Optional<YearMonth> month = Statements.parseMonth(call.args());
        if (month.isEmpty()) {
            return PoolCommands.ephemeral(call.context(), monthError(call.args(), REPRICE_EXAMPLE));
        }
        LedgerService.Repriced repriced = ledger.reprice(month.get(), call.userId());
        return PoolCommands.ephemeral(call.context(), "Priced " + repriced.priced() + " confirmed "
                + (repriced.priced() == 1 ? "entry" : "entries") + " of " + Statements.monthName(month.get())
                + (repriced.stillMissing() == 0 ? "; none is left without a rate."
                        : "; " + repriced.stillMissing() + " still have no rate for their week (set one with"
                                + " `/pool-admin rate <domain> £45 from <Monday of the week>`)."));
    }

    // ---------------------------------------------------------------------------------------------------------
    // A member's own data

    private Response export(CommandRegistry.Call call) {
        String userId = call.userId();
        SlashCommandContext ctx = call.context();
        work.execute(() -> {
            try {
                MemberDataExport.Export file = export.export(userId);
                files.sendToUser(userId, file.fileName(), "Your Talent Pool data", file.json(), "Here is"
                        + " everything Talent Pool holds about you, as JSON. Other people appear only by their Slack"
                        + " ID. `/pool forget-me` erases it.");
            } catch (FileSender.NotSent e) {
                log.warn("Export for {} not delivered: {}", userId, e.getMessage());
                respondLater(ctx, "I couldn't send your file (Slack said `" + SlackText.escape(e.getMessage())
                        + "`). Please try again in a minute.");
            } catch (RuntimeException e) {
                log.error("Export for {} failed", userId, e);
                respondLater(ctx, "Sorry, something went wrong on my side while gathering your data. Please try"
                        + " again in a minute.");
            }
        });
        return PoolCommands.ephemeral(ctx, "Gathering everything the pool holds about you: it will arrive as a JSON"
                + " file in our direct messages in a moment.");
    }

    private Response forgetMe(BlockActionPayload payload, ActionContext ctx) {
        String clicker = payload.getUser().getId();
        work.execute(() -> {
            String text;
            try {
                MemberErasure.Outcome outcome = erasure.forget(clicker);
                text = outcome instanceof MemberErasure.Outcome.Forgotten forgotten
                        ? "Done: your profile and personal data are erased" + (forgotten.bookingsCancelled() == 0 ? ""
                                : ", and your " + forgotten.bookingsCancelled() + " open bookings are cancelled (the"
                                        + " other side was told)") + ". Hours already delivered stay in the ledger as"
                                + " `" + forgotten.tombstone() + "`, so councils' statements still add up."
                        : "The pool holds no personal data about you: there was nothing to erase.";
            } catch (RuntimeException e) {
                log.error("Forgetting {} failed", clicker, e);
                text = SORRY;
            }
            replace(ctx, text);
        });
        return ctx.ack();
    }

    // ---------------------------------------------------------------------------------------------------------

    private void openModal(ActionContext ctx, BlockActionPayload payload, View form) throws Exception {
        ViewsOpenResponse opened = ctx.client().viewsOpen(r -> r.triggerId(payload.getTriggerId()).view(form));
        if (!opened.isOk()) {
            log.warn("views.open of {} failed: {}", form.getCallbackId(), opened.getError());
            tellLater(ctx, "I couldn't open the form just now (Slack said `" + SlackText.escape(opened.getError())
                    + "`). Please click the button again.");
        }
    }

    private static OptionalLong bookingId(BlockActionPayload payload) {
        try {
            return OptionalLong.of(Long.parseLong(payload.getActions().get(0).getValue()));
        } catch (NumberFormatException | NullPointerException | IndexOutOfBoundsException e) {
            return OptionalLong.empty();
        }
    }

    /** An ephemeral word to the clicker through the response URL (none in the App Home), after the acknowledgement. */
    private void tellLater(ActionContext ctx, String mrkdwn) {
        if (ctx.getResponseUrl() == null) {
            return;
        }
        work.execute(() -> {
            try {
                ctx.respond(r -> r.responseType("ephemeral").replaceOriginal(false).text(mrkdwn));
            } catch (Exception e) {
                log.warn("Could not answer a button click: {}", e.getMessage());
            }
        });
    }

    /** Replaces the message whose button was clicked (e.g. Confirm / Dispute) with the outcome, after the ack. */
    private void replaceLater(ActionContext ctx, String mrkdwn) {
        work.execute(() -> replace(ctx, mrkdwn));
    }

    private static void replace(ActionContext ctx, String mrkdwn) {
        if (ctx.getResponseUrl() == null) {
            return;
        }
        try {
            List<LayoutBlock> blocks = List.of(section(s -> s.text(markdownText(mrkdwn))));
            ctx.respond(r -> r.replaceOriginal(true).text(mrkdwn).blocks(blocks));
        } catch (Exception e) {
            log.warn("Could not update the clicked message: {}", e.getMessage());
        }
    }

    private static void respondLater(SlashCommandContext ctx, String mrkdwn) {
        try {
            ctx.respond(r -> r.responseType("ephemeral").text(mrkdwn));
        } catch (Exception e) {
            log.warn("Could not answer a command: {}", e.getMessage());
        }
    }
}
