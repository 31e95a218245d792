package org.talentpool.testing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.talentpool.config.PoolConfig;

/**
 * Base of end-to-end tests: each subclass runs once per database kind (H2, and PostgreSQL when reachable)
 * against one running service, with the data emptied before each test.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("org.talentpool.testing.TestDatabase#kinds")
public abstract class EndToEndTest {
    protected static ServiceHarness service;

    @Parameter
    protected TestDatabase.Kind kind;

    @BeforeParameterizedClassInvocation
    static void startService(TestDatabase.Kind kind) throws Exception {
        service = ServiceHarness.start(kind);
    }

    @AfterParameterizedClassInvocation
    static void stopService() {
        if (service != null) {
            service.close();
            service = null;
        }
    }

    @BeforeEach
    void emptyData() {
        service.reset();
    }

    /** Every change the test made through the service kept search's listing index current. */
    @AfterEach
    void listingIndexIsCurrent() {
        ListingIndexCheck.assertCurrent(service.jdbi(), service.clock(), PoolConfig.DEFAULT_TIMEZONE);
    }

    protected static SlackClient slack() {
        return service.client();
    }

    protected static FakeSlack fakeSlack() {
        return service.slack();
    }
}
