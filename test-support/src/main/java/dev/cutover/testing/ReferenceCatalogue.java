package dev.cutover.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Loads the reference geometry catalogue of {@code sql/reference} into an existing database: the
 * tables ({@code catalogue.sql}), {@code rows} generated rows for {@code seed} ({@code generate.sql}),
 * then the indexes and statistics ({@code indexes.sql}). The same rows and seed always give the same
 * content. The tables must not exist yet.
 */
public final class ReferenceCatalogue {

    /** Names the {@code sql} directory when the working directory is outside the repository. */
    public static final String SQL_DIR = "CUTOVER_SQL_DIR";

    public record LoadResult(long rows, double seconds, double rowsPerSecond) {
    }

    private ReferenceCatalogue() {
    }

    public static LoadResult load(String jdbcUrl, String user, String password, long rows, int seed) {
        Path reference = referenceDirectory();
        String catalogue = read(reference.resolve("catalogue.sql"));
        String generate = read(reference.resolve("generate.sql"));
        String indexes = read(reference.resolve("indexes.sql"));
        long started = System.nanoTime();
        long inserted;
        // One connection throughout: generate.sql defines its function in this session's pg_temp.
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
                Statement statement = connection.createStatement()) {
            // PgJDBC splits a parameterless script into its statements itself, $$ bodies included.
            statement.execute(catalogue);
            statement.execute(generate);
            try (PreparedStatement call = connection.prepareStatement("SELECT pg_temp.generate_catalogue(?, ?)")) {
                call.setLong(1, rows);
                call.setInt(2, seed);
                try (ResultSet result = call.executeQuery()) {
                    result.next();
                    inserted = result.getLong(1);
                }
            }
            statement.execute(indexes);
        } catch (SQLException e) {
            throw new IllegalStateException("loading the reference catalogue into " + jdbcUrl + ": " + e.getMessage(), e);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new LoadResult(inserted, seconds, inserted / seconds);
    }

    /**
     * {@code sql/reference}: below {@code CUTOVER_SQL_DIR} (a system property, else an environment
     * variable) when set, else found by walking up from the working directory, which is a module
     * directory when Maven runs tests.
     */
    static Path referenceDirectory() {
        String given = System.getProperty(SQL_DIR, System.getenv(SQL_DIR));
        if (given != null && !given.isBlank()) {
            Path reference = Path.of(given.strip()).resolve("reference");
            if (!Files.isRegularFile(reference.resolve("catalogue.sql"))) {
                throw new IllegalStateException(SQL_DIR + "=" + given + " has no reference/catalogue.sql");
            }
            return reference;
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path reference = dir.resolve("sql").resolve("reference");
            if (Files.isRegularFile(reference.resolve("catalogue.sql"))) {
                return reference;
            }
        }
        throw new IllegalStateException("no sql/reference/catalogue.sql in " + start + " or above it; set " + SQL_DIR
                + " to the repository's sql directory");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
