package org.talentpool.council;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailDomainsTest {

    @Test
    void domainOfAnAddressIsLowerCase() {
        assertThat(EmailDomains.ofEmail("Jo.Bloggs@Planning.Leeds.GOV.UK")).contains("planning.leeds.gov.uk");
        assertThat(EmailDomains.ofEmail("no-at-sign")).isEmpty();
        assertThat(EmailDomains.ofEmail("trailing@")).isEmpty();
        assertThat(EmailDomains.ofEmail(null)).isEmpty();
    }

    @Test
    void normalisesTypedDomains() {
        assertThat(EmailDomains.normalise(" @Leeds.Gov.UK. ")).contains("leeds.gov.uk");
        assertThat(EmailDomains.normalise("leeds")).isEmpty();
        assertThat(EmailDomains.normalise("leeds..gov.uk")).isEmpty();
        assertThat(EmailDomains.normalise("-leeds.gov.uk")).isEmpty();
        assertThat(EmailDomains.normalise("leeds.gov.uk/x")).isEmpty();
    }

    @Test
    void parentsLongestFirst() {
        assertThat(EmailDomains.withParents("planning.leeds.gov.uk"))
                .containsExactly("planning.leeds.gov.uk", "leeds.gov.uk", "gov.uk");
        assertThat(EmailDomains.withParents("york.gov.uk")).containsExactly("york.gov.uk", "gov.uk");
    }

    @Test
    void sharedDomainsAreNoCouncils() {
        assertThat(EmailDomains.isShared("gov.uk")).isTrue();
        assertThat(EmailDomains.isShared("gmail.com")).isTrue();
        assertThat(EmailDomains.isShared("york.gov.uk")).isFalse();
    }

    @Test
    void aDomainCoversItselfAndItsSubdomainsOnly() {
        assertThat(EmailDomains.covers("leeds.gov.uk", "leeds.gov.uk")).isTrue();
        assertThat(EmailDomains.covers("leeds.gov.uk", "planning.leeds.gov.uk")).isTrue();
        assertThat(EmailDomains.covers("leeds.gov.uk", "notleeds.gov.uk")).isFalse();
        assertThat(EmailDomains.covers("planning.leeds.gov.uk", "leeds.gov.uk")).isFalse();
    }
}
