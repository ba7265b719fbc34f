package dev.cutover.migration.migrationset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.cutover.migration.operation.MigrationOperation;

/**
 * Reads {@code <dir>/migration.yaml} and hashes every file of the set. Every problem (unknown
 * operation, missing file, bad parameters, duplicate step) is collected and reported at once.
 */
public final class MigrationSetReader {

    public static final String MANIFEST = "migration.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private MigrationSetReader() {
    }

    public static MigrationSet read(Path directory, Function<String, Optional<MigrationOperation>> operations) {
        String id = directory.getFileName().toString();
        Path manifestFile = directory.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new InvalidMigrationSetException(id, List.of("no " + MANIFEST + " in " + directory));
        }
        MigrationSetManifest manifest;
        try {
            manifest = YAML.readValue(manifestFile.toFile(), MigrationSetManifest.class);
        } catch (IOException e) {
            throw new InvalidMigrationSetException(id, List.of(MANIFEST + ": " + e.getMessage()));
        }
        SortedMap<String, String> files = hashFiles(directory);
        MigrationSet set = new MigrationSet(id, directory, manifest, checksum(files), files);
        List<String> problems = problems(set, operations);
        if (!problems.isEmpty()) {
            throw new InvalidMigrationSetException(id, problems);
        }
        return set;
    }

    private static List<String> problems(MigrationSet set, Function<String, Optional<MigrationOperation>> operations) {
        MigrationSetManifest manifest = set.manifest();
        List<String> problems = new ArrayList<>();
        if (!set.id().equals(manifest.id())) {
            problems.add("id: '" + manifest.id() + "' must equal the directory name '" + set.id() + "'");
        }
        if (manifest.tables() == null || manifest.tables().isEmpty()) {
            problems.add("tables: name the tables the set affects (they are backed up and fingerprinted)");
        }
        if (manifest.steps() == null || manifest.steps().isEmpty()) {
            problems.add("steps: at least one step is required");
            return problems;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < manifest.steps().size(); i++) {
            StepSpec step = manifest.steps().get(i);
            String path = "steps[" + i + "]";
            if (step.name() == null || step.name().isBlank()) {
                problems.add(path + ".name: required");
            } else if (!names.add(step.name())) {
                problems.add(path + ".name: duplicate step '" + step.name() + "'");
            }
            if (step.lockBudgetMs() != null && step.lockBudgetMs() <= 0) {
                problems.add(path + ".lockBudgetMs: must be positive");
            }
            Optional<MigrationOperation> operation = step.operation() == null ? Optional.empty()
                    : operations.apply(step.operation());
            if (operation.isEmpty()) {
                problems.add(path + ".operation: unknown operation '" + step.operation() + "'");
                continue;
            }
            operation.get().check(step, set).forEach(problem -> problems.add(path + ": " + problem));
        }
        return problems;
    }

    private static SortedMap<String, String> hashFiles(Path directory) {
        SortedMap<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String relative = directory.relativize(file).toString().replace('\\', '/');
                files.put(relative, sha256(Files.readAllBytes(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration set " + directory, e);
        }
        return files;
    }

    private static String checksum(SortedMap<String, String> files) {
        StringBuilder listing = new StringBuilder();
        files.forEach((path, hash) -> listing.append(hash).append("  ").append(path).append('\n'));
        return sha256(listing.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
