package dev.cutover.migration.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.cutover.migration.config.MigrationConfig;
import dev.cutover.migration.migrationset.MigrationSet;
import dev.cutover.migration.migrationset.MigrationSetReader;
import dev.cutover.migration.operation.Operations;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The migration sets on disk. Read afresh on every use, never cached, so a file edited after a run
 * was recorded is seen (and caught by PREFLIGHT) rather than masked by a stale copy.
 */
@ApplicationScoped
public class MigrationSetCatalogue {

    private final Path directory;
    private final Operations operations;

    public MigrationSetCatalogue(MigrationConfig config, Operations operations) {
        this.directory = Path.of(config.setsDirectory()).toAbsolutePath().normalize();
        this.operations = operations;
    }

    public boolean exists(String id) {
        return Files.isDirectory(directory.resolve(id));
    }

    /** @throws dev.cutover.migration.migrationset.InvalidMigrationSetException listing every problem */
    public MigrationSet read(String id) {
        return MigrationSetReader.read(directory.resolve(id), operations::find);
    }

    public List<String> ids() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> sets = Files.list(directory)) {
            return sets.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    public Path directory() {
        return directory;
    }
}
