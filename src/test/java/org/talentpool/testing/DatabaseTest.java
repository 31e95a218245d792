package org.talentpool.testing;

import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.talentpool.persistence.Database;

/**
 * Base of database tests: each subclass runs once per database kind on a fresh, migrated database
 * (no service, no mocks of JDBC). Subclasses empty what they use in their own {@code @BeforeEach}.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("org.talentpool.testing.TestDatabase#kinds")
public abstract class DatabaseTest {
    protected static TestDatabase testDatabase;
    protected static Database database;

    @Parameter
    protected TestDatabase.Kind kind;

    @BeforeParameterizedClassInvocation
    static void openDatabase(TestDatabase.Kind kind) {
        testDatabase = TestDatabase.create(kind);
        database = Database.open(testDatabase.url(), "", "", 8);
    }

    @AfterParameterizedClassInvocation
    static void closeDatabase() {
        database.close();
        testDatabase.close();
    }
}
