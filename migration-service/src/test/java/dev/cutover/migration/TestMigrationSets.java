package dev.cutover.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * The sets directory tests run with (application.properties, %test): the repository's
 * sql/migrations plus the fixture sets under src/test/resources/migration-sets, copied afresh so a
 * test may change a file (to prove PREFLIGHT notices) without touching the real ones.
 */
final class TestMigrationSets {

    static final Path DIRECTORY = Path.of("target/test-migration-sets");

    private TestMigrationSets() {
    }

    static synchronized void install() {
        copyTree(Path.of("../sql/migrations"), DIRECTORY);
        copyTree(Path.of("src/test/resources/migration-sets"), DIRECTORY);
    }

    static void copyTree(Path from, Path to) {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path copy = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
