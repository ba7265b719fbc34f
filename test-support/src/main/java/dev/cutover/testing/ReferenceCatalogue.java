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

    /** {@code sql/reference} (see {@link SqlDirectory}). */
    static Path referenceDirectory() {
        return SqlDirectory.file("reference/catalogue.sql").getParent();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
