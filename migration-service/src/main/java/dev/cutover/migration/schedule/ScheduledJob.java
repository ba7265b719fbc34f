package dev.cutover.migration.schedule;

import java.time.Instant;
import java.time.ZoneOffset;

import dev.cutover.support.target.TargetDatabase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A job Cutover's own scheduler runs on a target: a SQL command on a cron schedule (UTC). */
@Entity
@Table(name = "scheduled_job")
public class ScheduledJob {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "target_name", nullable = false)
    public String targetName;

    @Column(name = "jdbc_url", nullable = false)
    public String jdbcUrl;

    /** The name of configured credentials (cutover.targets.credentials.NAME), never a secret. */
    @Column(name = "credentials_name", nullable = false)
    public String credentialsName;

    @Column(nullable = false)
    public String job;

    @Column(nullable = false)
    public String cron;

    @Column(nullable = false)
    public String command;

    /** Null when the cron expression has no future run. */
    @Column(name = "next_run_at")
    public Instant nextRunAt;

    @Column(name = "last_run_at")
    public Instant lastRunAt;

    @Column(name = "last_duration_ms")
    public Long lastDurationMs;

    /** Why the last run failed; null when it succeeded. */
    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Points the job at {@code target} with this definition; its next run is the first one after {@code now}. */
    public void define(TargetDatabase target, String job, String cron, String command, Instant now) {
        this.targetName = target.name();
        this.jdbcUrl = target.jdbcUrl();
        this.credentialsName = target.credentialsName();
        this.job = job;
        this.cron = cron;
        this.command = command;
        this.nextRunAt = CronSchedule.parse(cron).nextAfter(now, ZoneOffset.UTC).orElse(null);
    }

    public TargetDatabase target() {
        return new TargetDatabase(targetName, jdbcUrl, credentialsName);
    }
}
