package org.talentpool.council;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/** Who is a community admin: the users named in {@code POOL_ADMINS} plus those appointed by command. */
public final class AdminDirectory {
    private final Jdbi jdbi;
    private final Set<String> configuredAdmins;

    public AdminDirectory(Jdbi jdbi, Set<String> configuredAdmins) {
        this.jdbi = jdbi;
        this.configuredAdmins = Set.copyOf(configuredAdmins);
    }

    /** Asked by every {@code /pool-admin} command: one fluent query, without a SQL object's per-call set-up. */
    public boolean isAdmin(String userId) {
        return configuredAdmins.contains(userId)
                || jdbi.withHandle(handle -> handle.createQuery(CouncilDao.IS_APPOINTED_ADMIN)
                        .bind("userId", userId).mapTo(boolean.class).one());
    }

    public Set<String> configuredAdmins() {
        return configuredAdmins;
    }

    /** Those appointed by command, in the order they were appointed. */
    public List<String> appointedAdmins() {
        return jdbi.withExtension(CouncilDao.class, CouncilDao::appointedAdmins);
    }

    /** Every admin: those from {@code POOL_ADMINS} (sorted), then those appointed. */
    public List<String> all() {
        Set<String> all = new LinkedHashSet<>(configuredAdmins.stream().sorted().toList());
        all.addAll(appointedAdmins());
        return List.copyOf(all);
    }
}
