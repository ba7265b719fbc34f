package dev.cutover.migration.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where migration sets and backups live, and how often progress is reported. */
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
}
