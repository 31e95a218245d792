package org.talentpool.home;

import com.slack.api.model.view.View;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.talentpool.slack.Outbox;
import org.talentpool.slack.SlackMessages;

/**
 * Publishes the App Homes that {@link HomeRefresher} asked for, as the outbox dispatcher delivers messages:
 * a round claims pending requests for a while ({@code FOR UPDATE SKIP LOCKED} and a lease, so several
 * instances share the work), builds each member's home once from committed state outside any transaction,
 * then queues {@code views.publish} through the {@link Outbox} and deletes the requests in one transaction.
 * If an instance dies mid-round its lease runs out and another publishes; a home that cannot be built is
 * tried again when its lease runs out, without holding up the others.
 */
public final class HomePublisher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HomePublisher.class);
    static final int BATCH = 50;
    static final Duration LEASE = Duration.ofSeconds(60);

    private final Jdbi jdbi;
    private final AppHome home;
    private final Outbox outbox;
    private final Clock clock;
    private final String instanceId;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "home-publisher");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean started = new AtomicBoolean();

    public HomePublisher(Jdbi jdbi, AppHome home, Outbox outbox, Clock clock, String instanceId) {
        this.jdbi = jdbi;
        this.home = home;
        this.outbox = outbox;
        this.clock = clock;
        this.instanceId = instanceId;
        home.refresher().onRefresh(this::wake);
    }

    public void start(Duration pollInterval) {
        started.set(true);
        executor.scheduleWithFixedDelay(this::publishQuietly, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Asks for a round now (after a commit that requested refreshes), once started. */
    public void wake() {
        if (started.get() && !executor.isShutdown()) {
            executor.execute(this::publishQuietly);
        }
    }

    private void publishQuietly() {
        try {
            publishDue();
        } catch (RuntimeException e) {
            log.warn("App Home publishing round failed: {}", e.getMessage(), e);
        }
    }

    /** Publishes every home that was asked for and is not claimed by another publisher; returns how many. */
    public int publishDue() {
        int published = 0;
        while (true) {
            List<Request> claimed = claim();
            if (claimed.isEmpty()) {
                return published;
            }
            published += publish(claimed);
        }
    }

    private record Request(long id, String userId) {}

    /**
     * Claims the oldest requests not claimed by another publisher, up to {@link #BATCH}, with every other such request
     * of the same members: a member's home is then built once for all their requests, rather than once in each batch
     * (or each publisher's claim) their requests fall into.
     */
    private List<Request> claim() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return jdbi.inTransaction(handle -> {
            List<Request> oldest = handle.createQuery("SELECT id, user_id FROM home_refresh"
                            + " WHERE claimed_until IS NULL OR claimed_until < :now ORDER BY id LIMIT :limit"
                            + " FOR UPDATE SKIP LOCKED")
                    .bind("now", now)
                    .bind("limit", BATCH)
                    .map((rs, ctx) -> new Request(rs.getLong("id"), rs.getString("user_id")))
                    .list();
            if (oldest.isEmpty()) {
                return oldest;
            }
            Map<Long, Request> claimed = new LinkedHashMap<>();
            oldest.forEach(request -> claimed.put(request.id(), request));
            handle.createQuery("SELECT id, user_id FROM home_refresh WHERE user_id IN (<users>)"
                            + " AND (claimed_until IS NULL OR claimed_until < :now) ORDER BY id FOR UPDATE SKIP LOCKED")
                    .bindList("users", oldest.stream().map(Request::userId).distinct().toList())
                    .bind("now", now)
                    .map((rs, ctx) -> new Request(rs.getLong("id"), rs.getString("user_id")))
                    .forEach(request -> claimed.putIfAbsent(request.id(), request));
            List<Request> requests = List.copyOf(claimed.values());
            handle.createUpdate("UPDATE home_refresh SET claimed_by = :me, claimed_until = :until WHERE id IN (<ids>)")
                    .bind("me", instanceId)
                    .bind("until", now.plus(LEASE))
                    .bindList("ids", requests.stream().map(Request::id).toList())
                    .execute();
            return requests;
        });
    }

    /** Builds each member's home once and queues it; returns how many were queued. */
    private int publish(List<Request> claimed) {
        Map<String, List<Long>> idsByUser = new LinkedHashMap<>();
        claimed.forEach(request -> idsByUser.computeIfAbsent(request.userId(), user -> new ArrayList<>()).add(request.id()));
        Map<String, View> views = new LinkedHashMap<>();
        idsByUser.keySet().forEach(userId -> {
            try {
                views.put(userId, home.view(userId));
            } catch (RuntimeException e) {
                log.warn("Could not build the App Home of {}; trying again in {} s: {}", userId, LEASE.toSeconds(),
                        e.getMessage());
            }
        });
        if (views.isEmpty()) {
            return 0;
        }
        // Each member's requests are removed before their home is queued, and the home is queued only if the
        // requests were still there: a member erased (forget-me) while their home was being built has had their
        // requests deleted, and gets no message naming them afterwards.
        return jdbi.inTransaction(handle -> {
            int queued = 0;
            for (var entry : views.entrySet()) {
                List<Long> ids = idsByUser.get(entry.getKey());
                int removed = handle.createUpdate("DELETE FROM home_refresh WHERE id IN (<ids>) AND claimed_by = :me")
                        .bindList("ids", ids)
                        .bind("me", instanceId)
                        .execute();
                if (removed > 0) {
                    long latest = ids.stream().mapToLong(Long::longValue).max().orElseThrow();
                    outbox.enqueue(handle, SlackMessages.publishHome("home-" + entry.getKey() + "-" + latest,
                            entry.getKey(), entry.getValue()));
                    queued++;
                }
            }
            return queued;
        });
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
