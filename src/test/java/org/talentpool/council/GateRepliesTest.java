package org.talentpool.council;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Who gets an Ask to join button. */
class GateRepliesTest {

    private static Access notApproved(Council.Status status) {
        Council council = new Council(1, "YOR", "City of York Council", "York", "England", "Unitary authority", status,
                status == Council.Status.REJECTED ? "Not <yet>" : null);
        return new Access.CouncilNotApproved(new Member("U1", "Sam", "york.gov.uk", council));
    }

    @Test
    void unknownDomainsAndCouncilsNotYetApprovedMayAsk() {
        assertThat(GateReplies.askLabel(new Access.UnknownDomain("U1", "Sam", "example.gov.uk")))
                .contains("Ask to join");
        assertThat(GateReplies.askLabel(notApproved(Council.Status.KNOWN))).contains("Ask to join");
        assertThat(GateReplies.askLabel(notApproved(Council.Status.PENDING))).isPresent();
        assertThat(GateReplies.blocks(notApproved(Council.Status.KNOWN))).hasSize(2);
    }

    @Test
    void suspendedRejectedAndPersonalAddressesMayNot() {
        assertThat(GateReplies.askLabel(notApproved(Council.Status.SUSPENDED))).isEmpty();
        assertThat(GateReplies.askLabel(notApproved(Council.Status.REJECTED))).isEmpty();
        assertThat(GateReplies.askLabel(new Access.UnknownDomain("U1", "Sam", "gmail.com"))).isEmpty();
        assertThat(GateReplies.text(new Access.UnknownDomain("U1", "Sam", "gmail.com"))).contains("many organisations");
        assertThat(GateReplies.askLabel(new Access.NoEmail("U1"))).isEmpty();
        assertThat(GateReplies.blocks(new Access.NoEmail("U1"))).hasSize(1);
    }

    @Test
    void theReasonIsEscapedInBlocks() {
        assertThat(GateReplies.blocks(notApproved(Council.Status.REJECTED)).get(0).toString())
                .contains("Not &lt;yet&gt;");
    }
}
