package org.talentpool.home;

import java.util.Optional;
import org.talentpool.council.Access;
import org.talentpool.council.Member;

/** Whose App Home is being built: the user, what the membership gate says about them, and whether they are an admin. */
public record HomeViewer(String userId, Access access, boolean admin) {

    /** The member when their council is known (approved or not). */
    public Optional<Member> member() {
        if (access instanceof Access.Allowed allowed) {
            return Optional.of(allowed.member());
        }
        if (access instanceof Access.CouncilNotApproved notApproved) {
            return Optional.of(notApproved.member());
        }
        return Optional.empty();
    }

    /** True when the viewer belongs to an approved council and may offer, search and book. */
    public boolean allowed() {
        return access instanceof Access.Allowed;
    }
}
