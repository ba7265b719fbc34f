package dev.cutover.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository's {@code sql} directory, for files tests share with bin/cutover: the one
 * {@code CUTOVER_SQL_DIR} names (a system property, else an environment variable), else found by
 * walking up from the working directory, which is a module directory when Maven runs tests.
 */
public final class SqlDirectory {

    public static final String VARIABLE = "CUTOVER_SQL_DIR";

    private SqlDirectory() {
    }

    /** {@code relative} below the sql directory, which must hold it. */
    public static Path file(String relative) {
        String given = System.getProperty(VARIABLE, System.getenv(VARIABLE));
        if (given != null && !given.isBlank()) {
            Path file = Path.of(given.strip()).resolve(relative);
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException(VARIABLE + "=" + given + " has no " + relative);
            }
            return file;
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path file = dir.resolve("sql").resolve(relative);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new IllegalStateException("no sql/" + relative + " in " + start + " or above it; set " + VARIABLE
                + " to the repository's sql directory");
    }
}
