package org.talentpool.council;

import org.jdbi.v3.core.Handle;

/**
 * Told, in the transaction that records it, that a known member's council changed: their Slack profile's email
 * domain now belongs to another council, or to none, or their domain was registered to a council since. Search's
 * listing index keeps a specialist's council, so it refreshes their rows.
 */
@FunctionalInterface
public interface MemberMovedListener {
    void moved(Handle handle, String userId);
}
