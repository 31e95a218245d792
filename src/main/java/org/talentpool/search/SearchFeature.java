package org.talentpool.search;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.block.LayoutBlock;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.talentpool.Services;
import org.talentpool.availability.Weeks;
import org.talentpool.council.Access;
import org.talentpool.council.GateReplies;
import org.talentpool.council.Membership;
import org.talentpool.home.AppHome;
import org.talentpool.slack.ClickReplies;
import org.talentpool.slack.CommandRegistry;
import org.talentpool.slack.PoolCommands;
import org.talentpool.slack.SlackFeature;
import org.talentpool.slack.SlackText;

/**
 * {@code /find-expert <words> [--next-week]}, its More / Back buttons, the App Home's search box, and
 * {@code /pool-admin demand [weeks]}. The command is checked and acknowledged at once; the search runs on the app's
 * executor and its results go to the response URL (a More or Back click replaces the results it was on). The App
 * Home has no response URL, so a search from there posts its results in the member's DM with the bot. When as many
 * searches as {@link PendingSearches} allows are waiting already, a search is answered at once with {@link #BUSY}.
 */
public final class SearchFeature implements SlackFeature {
    private static final Logger log = LoggerFactory.getLogger(SearchFeature.class);
    static final String COMMAND = "/find-expert";
    static final int DEFAULT_DEMAND_WEEKS = 4;
    static final int MAX_DEMAND_WEEKS = 52;
    private static final String SORRY = "Sorry, something went wrong on my side. Please try again in a minute.";
    /** The answer to a search beyond {@link PendingSearches#LIMIT} waiting. */
    public static final String BUSY = "Sorry, I have a lot of searches to answer just now."
            + " Please try again in a minute.";

    private final ExpertSearch search;
    private final Membership membership;
    private final Executor work;
    private final PendingSearches searches;
    private final Clock clock;
    private final ZoneId zone;
    private final AppHome home;

    public SearchFeature(Services services) {
        this.home = services.home();
        this.zone = services.config().timezone();
        this.clock = services.clock();
        this.search = new ExpertSearch(services.jdbi(), clock, zone);
        this.membership = services.membership();
        this.work = services.work();
        this.searches = new PendingSearches(PendingSearches.LIMIT, work, services.metrics()::searchTurnedAway);
    }

    @Override
    public void register(App app, CommandRegistry commands) {
        commands.describe("/find-expert gis python", "specialists at other councils with those skills and hours left"
                + " this week, each with a *Book* button; add `--next-week` for next week");
        commands.admin("demand", "/pool-admin demand 4", "skills members searched for and found nobody available,"
                + " over the last 4 weeks (1–52)", call -> PoolCommands.ephemeral(call.context(), demand(call.args())));

        app.command(COMMAND, (request, ctx) -> {
            var payload = request.getPayload();
            String userId = payload.getUserId();
            try {
                Access access = membership.check(userId);
                if (!(access instanceof Access.Allowed allowed)) {
                    return PoolCommands.ephemeral(ctx, GateReplies.blocks(access));
                }
                SearchQuery.Parsed parsed = SearchQuery.parse(payload.getText());
                if (parsed instanceof SearchQuery.Parsed.Invalid invalid) {
                    return PoolCommands.ephemeral(ctx, invalid.explanation());
                }
                SearchQuery query = ((SearchQuery.Parsed.Query) parsed).query();
                ExpertSearch.Searcher searcher = new ExpertSearch.Searcher(userId, allowed.member().council().id());
                boolean queued = searches.offer(() -> {
                    List<LayoutBlock> blocks = results(() -> search.search(searcher, query), userId);
                    try {
                        ctx.respond(r -> r.responseType("ephemeral").text(fallback(query)).blocks(blocks));
                    } catch (Exception e) {
                        log.warn("Could not send search results to {}: {}", userId, e.getMessage());
                    }
                });
                return queued ? ctx.ack() : PoolCommands.ephemeral(ctx, BUSY);
            } catch (RuntimeException e) {
                log.error("{} failed for {}", COMMAND, userId, e);
                return PoolCommands.ephemeral(ctx, SORRY);
            }
        });

        home.addSection(new SearchHomeSection());
        app.blockAction(SearchHomeSection.SEARCH, (request, ctx) -> searchFromHome(request.getPayload(), ctx));
        app.blockAction(SearchBlocks.MORE, (request, ctx) -> page(request.getPayload(), ctx));
        app.blockAction(SearchBlocks.BACK, (request, ctx) -> page(request.getPayload(), ctx));
    }

    /** The App Home's search box: acknowledges, then posts the results (or why not) in the member's DM. */
    private Response searchFromHome(BlockActionPayload payload, ActionContext ctx) {
        String userId = payload.getUser().getId();
        String typed = payload.getActions().get(0).getValue();
        boolean queued = searches.offer(() -> {
            List<LayoutBlock> blocks;
            String text;
            try {
                Access access = membership.check(userId);
                SearchQuery.Parsed parsed = SearchQuery.parse(typed);
                if (!(access instanceof Access.Allowed allowed)) {
                    blocks = GateReplies.blocks(access);
                    text = SlackText.escape(GateReplies.text(access));
                } else if (parsed instanceof SearchQuery.Parsed.Invalid invalid) {
                    text = invalid.explanation();
                    blocks = List.of(section(s -> s.text(markdownText(invalid.explanation()))));
                } else {
                    SearchQuery query = ((SearchQuery.Parsed.Query) parsed).query();
                    ExpertSearch.Searcher searcher = new ExpertSearch.Searcher(userId, allowed.member().council().id());
                    blocks = results(() -> search.search(searcher, query), userId);
                    text = fallback(query);
                }
            } catch (RuntimeException e) {
                log.error("Search from the App Home failed for {}", userId, e);
                text = SORRY;
                blocks = List.of(section(s -> s.text(markdownText(SORRY))));
            }
            String fallbackText = text;
            List<LayoutBlock> reply = blocks;
            try {
                var posted = ctx.client().chatPostMessage(r -> r.channel(userId).text(fallbackText).blocks(reply));
                if (!posted.isOk()) {
                    log.warn("Could not send search results to {}: Slack said {}", userId, posted.getError());
                }
            } catch (Exception e) {
                log.warn("Could not send search results to {}: {}", userId, e.getMessage());
            }
        });
        if (!queued) {
            ClickReplies.tell(ctx, work, BUSY);
        }
        return ctx.ack();
    }

    /** More or Back: acknowledges, then replaces the results with the page asked for. */
    private Response page(BlockActionPayload payload, ActionContext ctx) {
        String userId = payload.getUser().getId();
        Optional<SearchBlocks.PageRequest> request = SearchBlocks.PageRequest.parse(
                payload.getActions().get(0).getValue());
        if (request.isEmpty()) {
            return ctx.ack();
        }
        boolean queued = searches.offer(() -> {
            List<LayoutBlock> blocks = results(() -> {
                Access access = membership.check(userId);
                if (!(access instanceof Access.Allowed allowed)) {
                    return null;
                }
                return search.search(new ExpertSearch.Searcher(userId, allowed.member().council().id()),
                        request.get().query(), request.get().week(), request.get().page());
            }, userId);
            try {
                ctx.respond(r -> r.responseType("ephemeral").replaceOriginal(true).text(fallback(request.get().query()))
                        .blocks(blocks));
            } catch (Exception e) {
                log.warn("Could not send a page of search results to {}: {}", userId, e.getMessage());
            }
        });
        if (!queued) {
            ClickReplies.tell(ctx, work, BUSY); // under the results, which stay as they were
        }
        return ctx.ack();
    }

    @FunctionalInterface
    private interface Search {
        ExpertSearch.Result run();
    }

    /** The results as blocks; a failure becomes an apology, a refused member their gate reply. */
    private List<LayoutBlock> results(Search run, String userId) {
        try {
            ExpertSearch.Result result = run.run();
            if (result == null) {
                return GateReplies.blocks(membership.check(userId));
            }
            return SearchBlocks.results(result, Weeks.thisWeek(clock, zone));
        } catch (RuntimeException e) {
            log.error("Search for {} failed", userId, e);
            return List.of(section(s -> s.text(markdownText(SORRY))));
        }
    }

    private static String fallback(SearchQuery query) {
        return "Specialists for " + SlackText.escape(query.words());
    }

    /** {@code /pool-admin demand [weeks]}. */
    String demand(String args) {
        int weeks = DEFAULT_DEMAND_WEEKS;
        if (!args.isBlank()) {
            try {
                weeks = Integer.parseInt(args.trim());
            } catch (NumberFormatException e) {
                weeks = -1;
            }
            if (weeks < 1 || weeks > MAX_DEMAND_WEEKS) {
                return "Give the number of weeks to look back as a whole number from 1 to " + MAX_DEMAND_WEEKS
                        + ", e.g. `/pool-admin demand 8`.";
            }
        }
        List<SearchDao.DemandRow> rows = search.demand(weeks);
        String period = weeks == 1 ? "this week" : "the last " + weeks + " weeks";
        if (rows.isEmpty()) {
            return "No unmet demand in " + period + ": every search found someone with hours.";
        }
        StringBuilder text = new StringBuilder("*Unmet demand in ").append(period)
                .append("*: search words for which nobody had hours, by how many member-weeks searched them.\n");
        for (SearchDao.DemandRow row : rows) {
            LocalDate last = row.lastSearchedAt().atZoneSameInstant(zone).toLocalDate();
            text.append("• `").append(SlackText.escape(row.term())).append("` — ").append(row.searches())
                    .append(row.searches() == 1 ? " search" : " searches").append(" by ").append(row.people())
                    .append(row.people() == 1 ? " person" : " people").append(", last on ")
                    .append(Weeks.dayMonth(last)).append('\n');
        }
        return text.toString().stripTrailing();
    }
}
