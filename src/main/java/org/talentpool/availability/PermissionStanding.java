package org.talentpool.availability;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Where a specialist stands with their manager's permission today: the valid approval (if any), the open
 * request (if any) and, when neither lets them be listed, the last answer (declined, revoked or expired).
 */
public record PermissionStanding(Optional<Permission> valid, Optional<Permission> pending,
                                 Optional<Permission> lastAnswer, LocalDate today) {

    public enum Kind {
        /** Approved and valid; no request open. */
        APPROVED,
        /** Approved and valid, and a request for more hours (or a new manager) is open. */
        APPROVED_RAISE_PENDING,
        /** No valid approval; a request is open. */
        AWAITING,
        DECLINED,
        REVOKED,
        EXPIRED,
        /** Never asked (cannot happen after a profile is saved, but harmless). */
        NONE
    }

    public Kind kind() {
        if (valid.isPresent()) {
            return pending.isPresent() ? Kind.APPROVED_RAISE_PENDING : Kind.APPROVED;
        }
        if (pending.isPresent()) {
            return Kind.AWAITING;
        }
        if (lastAnswer.isEmpty()) {
            return Kind.NONE;
        }
        return switch (lastAnswer.get().status()) {
            case DECLINED -> Kind.DECLINED;
            case REVOKED -> Kind.REVOKED;
            case APPROVED -> Kind.EXPIRED;
            default -> Kind.NONE;
        };
    }

    /** The permission cap in minutes while approved, 0 otherwise. */
    public int capMinutes() {
        return valid.map(Permission::capMinutes).orElse(0);
    }
}
