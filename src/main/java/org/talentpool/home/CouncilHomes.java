package org.talentpool.home;

import java.util.List;
import org.jdbi.v3.core.Handle;
import org.talentpool.council.CouncilStatusListener;

/**
 * A council's status is on its members' App Homes (what they may do, or why not), so when it changes (approved,
 * suspended, reinstated…) every member the pool knows of that council has their home published again, in the
 * transaction of the change.
 */
public final class CouncilHomes implements CouncilStatusListener {
    private final HomeRefresher refresher;

    public CouncilHomes(HomeRefresher refresher) {
        this.refresher = refresher;
    }

    @Override
    public void councilStatusChanged(Handle handle, Change change) {
        List<String> members = handle.createQuery("SELECT user_id FROM member WHERE council_id = :councilId"
                        + " ORDER BY user_id")
                .bind("councilId", change.council().id())
                .mapTo(String.class)
                .list();
        refresher.refresh(handle, members);
    }
}
