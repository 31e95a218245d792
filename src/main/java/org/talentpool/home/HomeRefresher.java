package org.talentpool.home;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Asks for members' App Homes to be published again after a change that affects them. The request is a row
 * written in the caller's transaction, so it exists exactly when the change does; the {@link HomePublisher}
 * builds the home from the committed state and queues {@code views.publish} through the outbox.
 * Many requests for one member before the publisher runs make one publish.
 */
public final class HomeRefresher {
    private final Jdbi jdbi;
    private final Clock clock;
    private volatile Runnable onRefresh = () -> { };

    public HomeRefresher(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Called after a transaction that asked for refreshes has committed, to publish promptly. */
    void onRefresh(Runnable listener) {
        this.onRefresh = listener;
    }

    /** Requests a refresh of these members' homes in the transaction of {@code handle}. */
    public void refresh(Handle handle, Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        var batch = handle.prepareBatch("INSERT INTO home_refresh (user_id, requested_at) VALUES (:userId, :now)");
        for (String userId : userIds) {
            batch.bind("userId", userId).bind("now", now).add();
        }
        batch.execute();
        handle.afterCommit(() -> onRefresh.run());
    }

    public void refresh(Handle handle, String userId) {
        refresh(handle, List.of(userId));
    }

    /** Requests a refresh in a transaction of its own (e.g. when the member opens the Home tab). */
    public void refresh(String userId) {
        jdbi.useTransaction(handle -> refresh(handle, userId));
    }
}
