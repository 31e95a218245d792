package org.talentpool.ledger;

import org.jdbi.v3.core.Handle;

/**
 * The port through which the ledger tells people about hours delivered. Implementations queue their messages in the
 * caller's transaction ({@code handle}), keyed by entry, event and recipient, so that a change and its messages
 * commit together and a retried change queues nothing twice. Entries are passed as they are after the change.
 */
public interface LedgerNotifier {

    /** The specialist is asked for the hours they delivered for the booking. */
    void asked(Handle handle, LedgerEntry entry);

    /** The requester is asked to confirm or dispute the hours the specialist reported. */
    void reported(Handle handle, LedgerEntry entry);

    /** The specialist is told the requester confirmed the hours. */
    void confirmed(Handle handle, LedgerEntry entry);

    /** The specialist and the community admins are told the requester disputed the hours. */
    void disputed(Handle handle, LedgerEntry entry);

    /** Both sides are told nobody answered in time, so the reported hours were confirmed. */
    void autoConfirmed(Handle handle, LedgerEntry entry);

    /** Both sides are told how an admin settled the dispute. */
    void resolved(Handle handle, LedgerEntry entry);
}
