package dev.cutover.migration;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.cutover.testing.TestPostgres;

/**
 * The target databases a test class creates: the test migration sets are installed before its
 * tests, and every database listed in {@link #created()} is dropped after them.
 */
final class TargetDatabases implements BeforeAllCallback, AfterAllCallback {

    private final List<String> created = new ArrayList<>();

    /** Where the class's tests add the names of the databases they create. */
    List<String> created() {
        return created;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        TestMigrationSets.install();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        created.forEach(TestPostgres.get()::dropDatabase);
    }
}
