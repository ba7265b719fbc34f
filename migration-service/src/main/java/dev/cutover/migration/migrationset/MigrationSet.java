package dev.cutover.migration.migrationset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * A migration set read from {@code sql/migrations/<id>/}: its manifest and the SHA-256 of every
 * file, so a file changed after a run was recorded is caught before anything runs again.
 *
 * @param checksum SHA-256 over the sorted list of (relative path, file SHA-256)
 * @param files relative path → SHA-256 of the file's bytes
 */
public record MigrationSet(String id, Path directory, MigrationSetManifest manifest, String checksum,
        SortedMap<String, String> files) {

    public String read(String relativePath) {
        try {
            return Files.readString(directory.resolve(relativePath), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + relativePath + " of migration set " + id, e);
        }
    }

    /** Files whose hash differs from, or is missing in, a recorded run's list. */
    public List<String> changedSince(Map<String, String> recordedFiles) {
        TreeSet<String> paths = new TreeSet<>(files.keySet());
        paths.addAll(recordedFiles.keySet());
        return paths.stream().filter(p -> !Objects.equals(files.get(p), recordedFiles.get(p))).toList();
    }
}
