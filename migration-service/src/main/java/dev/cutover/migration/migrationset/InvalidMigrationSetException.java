package dev.cutover.migration.migrationset;

import java.util.List;

/** A migration set that cannot run as written; every problem found is listed. */
public class InvalidMigrationSetException extends RuntimeException {

    private final List<String> problems;

    public InvalidMigrationSetException(String id, List<String> problems) {
        super("migration set " + id + " is invalid: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
