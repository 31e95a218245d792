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
}
