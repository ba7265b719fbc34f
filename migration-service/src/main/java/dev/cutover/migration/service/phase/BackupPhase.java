package dev.cutover.migration.service.phase;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.cutover.events.Phase;
import dev.cutover.migration.config.MigrationConfig;
import dev.cutover.migration.migrationset.MigrationSet;
import dev.cutover.migration.service.MigrationSetCatalogue;
import dev.cutover.support.target.TargetDatabase;
import dev.cutover.support.target.TargetsConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * BACKUP: {@code pg_dump} (custom format) of the tables the set affects, to
 * {@code <backup-directory>/<rollout>/<environment>-<target>.dump}, with its size, SHA-256 and
 * duration. The password reaches pg_dump through its environment, never its command line.
 */
@ApplicationScoped
public class BackupPhase implements RolloutPhase {

    private static final long TIMEOUT_MINUTES = 120;

    private final MigrationSetCatalogue catalogue;
    private final MigrationConfig config;
    private final TargetsConfig targets;

    public BackupPhase(MigrationSetCatalogue catalogue, MigrationConfig config, TargetsConfig targets) {
        this.catalogue = catalogue;
        this.config = config;
        this.targets = targets;
    }

    @Override
    public Phase phase() {
        return Phase.BACKUP;
    }

    @Override
    public PhaseOutcome run(PhaseRequest request) {
        Instant started = Instant.now();
        Map<String, Object> evidence = new LinkedHashMap<>();
        MigrationSet set = catalogue.read(request.plan().migrationSet());
        Path file = Path.of(config.backupDirectory()).toAbsolutePath()
                .resolve(request.rolloutId().toString())
                .resolve(request.environmentName() + "-" + request.target().name() + ".dump");
        evidence.put("file", file.toString());
        evidence.put("tables", set.manifest().tables());
        try {
            Files.createDirectories(file.getParent());
            Path log = file.resolveSibling(file.getFileName() + ".log");
            Process dump = command(request.target(), set.manifest().tables(), file).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!dump.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                dump.destroyForcibly();
                return PhaseOutcome.failed(started, evidence, "pg_dump did not finish within " + TIMEOUT_MINUTES + " min");
            }
            String output = Files.readString(log, StandardCharsets.UTF_8).strip();
            if (dump.exitValue() != 0) {
                return PhaseOutcome.failed(started, evidence, "pg_dump exited with " + dump.exitValue() + ": " + output);
            }
            evidence.put("sizeBytes", Files.size(file));
            evidence.put("sha256", sha256(file));
            evidence.put("durationMs", Instant.now().toEpochMilli() - started.toEpochMilli());
            return PhaseOutcome.succeeded(started, evidence);
        } catch (IOException e) {
            return PhaseOutcome.failed(started, evidence, "cannot run " + config.pgDump() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PhaseOutcome.failed(started, evidence, "interrupted while pg_dump ran");
        }
    }

    private ProcessBuilder command(TargetDatabase target, List<String> tables, Path file) {
        URI uri = URI.create(target.jdbcUrl().substring("jdbc:".length()));
        TargetsConfig.Credentials credentials = targets.credentials().get(target.credentialsName());
        List<String> command = new ArrayList<>(List.of(config.pgDump(), "--format=custom", "--no-password",
                "--host=" + uri.getHost(), "--port=" + (uri.getPort() < 0 ? 5432 : uri.getPort()),
                "--username=" + credentials.user(), "--dbname=" + uri.getPath().substring(1),
                "--file=" + file));
        tables.forEach(table -> command.add("--table=" + table));
        ProcessBuilder builder = new ProcessBuilder(command);
        credentials.password().ifPresent(password -> builder.environment().put("PGPASSWORD", password));
        builder.environment().put("PGCONNECT_TIMEOUT", Long.toString(Math.max(1, targets.connectTimeout().toSeconds())));
        return builder;
    }

    private static String sha256(Path file) throws IOException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
