package org.talentpool.availability;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The port through which availability logic tells people about permission changes. Implementations queue
 * their messages in the caller's transaction ({@code handle}), so a change and its messages commit together.
 */
public interface AvailabilityNotifier {

    /** Where the manager's copy of a request is in Slack, so that it can be updated after an answer. */
    record MessageRef(String channel, String ts) {}

    /**
     * A request for the manager: who asks, for how much, and the approval it would replace
     * ({@code current}, when the specialist asks to raise their hours).
     */
    record PermissionAsk(Permission request, Specialist specialist, List<String> skills,
                         Optional<Permission> current) {}

    void askManager(Handle handle, PermissionAsk ask);

    void approved(Handle handle, Permission permission, Optional<MessageRef> managerMessage);

    void declined(Handle handle, Permission permission, Optional<MessageRef> managerMessage);

    void revoked(Handle handle, Permission permission, Optional<MessageRef> managerMessage);

    /**
     * The Monday nudge: the specialist offers no hours in the week of {@code weekStart}; it offers buttons to set
     * some and to stop these nudges. Keyed by week and specialist, so it is queued once a week at most: false when
     * it was queued before.
     */
    boolean nudge(Handle handle, String specialistId, LocalDate weekStart);
}
