package dev.cutover.migration.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where migration sets and backups live, how often progress is reported, and whether checkpoints gate rollouts. */
@ConfigMapping(prefix = "cutover.migration")
public interface MigrationConfig {

    /** The directory holding one sub-directory per migration set ({@code sql/migrations}). */
    String setsDirectory();

    /** Where BACKUP writes its pg_dump files, one sub-directory per rollout. */
    String backupDirectory();

    /** The pg_dump binary; its major version must be at least the target server's. */
    @WithDefault("pg_dump")
    String pgDump();

    /** How often long steps publish a migration-progress event. */
    @WithDefault("2s")
    Duration progressInterval();

    /**
     * Whether rollouts pause at checkpoint-service's checkpoints until they are decided. Off only
     * where migration-service runs without checkpoint-service (its own tests).
     */
    @WithDefault("true")
    boolean checkpointGates();

    /** How often a rollout waiting at a checkpoint looks for its decision (and for checkpoint-service, when it is down). */
    @WithDefault("500ms")
    Duration checkpointPoll();
}
