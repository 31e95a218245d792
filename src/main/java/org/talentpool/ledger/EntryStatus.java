package org.talentpool.ledger;

import java.util.Locale;

/**
 * Where a ledger entry (the hours delivered for one accepted booking) stands, and the one place its state machine is
 * written down: {@link Transition} lists every change, the status it must be in and the status it ends in.
 * {@link LedgerService} applies each as one conditional update, so retries and double clicks change an entry once.
 */
public enum EntryStatus {
    /** The specialist has been asked for the hours delivered. */
    ASKED,
    /** The specialist gave the hours; the requester is asked to confirm or dispute them. */
    REPORTED,
    /** The requester disputed the hours, with a reason; an admin resolves it. */
    DISPUTED,
    /** The hours are final and priced: they count in the month's statement. */
    CONFIRMED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EntryStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Every change of status an entry can go through, with the audit action recorded for it. */
    public enum Transition {
        REPORT(ASKED, REPORTED, "ledger.reported"),
        CONFIRM(REPORTED, CONFIRMED, "ledger.confirmed"),
        DISPUTE(REPORTED, DISPUTED, "ledger.disputed"),
        AUTO_CONFIRM(REPORTED, CONFIRMED, "ledger.auto_confirmed"),
        RESOLVE(DISPUTED, CONFIRMED, "ledger.resolved");

        private final EntryStatus from;
        private final EntryStatus to;
        private final String auditAction;

        Transition(EntryStatus from, EntryStatus to, String auditAction) {
            this.from = from;
            this.to = to;
            this.auditAction = auditAction;
        }

        public EntryStatus from() {
            return from;
        }

        public EntryStatus to() {
            return to;
        }

        public String auditAction() {
            return auditAction;
        }
    }
}
