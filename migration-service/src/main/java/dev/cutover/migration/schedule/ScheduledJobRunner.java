package dev.cutover.migration.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.cutover.support.target.TargetConnections;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs the due jobs of {@code scheduled_job} on their targets. A job's row stays locked (FOR UPDATE
 * SKIP LOCKED) while it runs, so two instances of the service never run the same job at once, and
 * a job interrupted by a crash is still due and runs again. Missed runs are not caught up: the next
 * run is the first one after the run ends, as with pg_cron.
 */
@ApplicationScoped
public class ScheduledJobRunner {

    private static final Logger LOG = Logger.getLogger(ScheduledJobRunner.class);

    private final ScheduledJobRepository jobs;
    private final TargetConnections connections;
    private final Duration runTimeout;

    public ScheduledJobRunner(ScheduledJobRepository jobs, TargetConnections connections,
            @ConfigProperty(name = "cutover.schedule.run-timeout", defaultValue = "30m") Duration runTimeout) {
        this.jobs = jobs;
        this.connections = connections;
        this.runTimeout = runTimeout;
    }

    // Not while starting or stopping: during shutdown the persistence unit may already be closed.
    @Scheduled(identity = "cutover-scheduled-jobs", every = "${cutover.schedule.poll:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void runDueJobs() {
        while (runOneDueJob()) {
            // each job in its own transaction, until none is due
        }
    }

    /** @return false when no job is due (or every due one is running elsewhere) */
    boolean runOneDueJob() {
        // The control transaction outlives the command, which statement_timeout bounds.
        int timeoutSeconds = (int) runTimeout.plusMinutes(1).toSeconds();
        return QuarkusTransaction.requiringNew().timeout(timeoutSeconds).call(() -> jobs.claimDue(Instant.now())
                .map(job -> {
                    run(job);
                    return true;
                })
                .orElse(false));
    }

    private void run(ScheduledJob job) {
        Instant started = Instant.now();
        long began = System.nanoTime();
        String error = null;
        try (Connection connection = connections.open(job.target());
                Statement statement = connection.createStatement()) {
            statement.execute("SET statement_timeout = " + runTimeout.toMillis());
            statement.execute(job.command);
        } catch (SQLException e) {
            error = e.getMessage();
            LOG.warnf("scheduled job %s on %s failed: %s", job.job, job.targetName, error);
        }
        job.lastRunAt = started;
        job.lastDurationMs = (System.nanoTime() - began) / 1_000_000;
        job.lastError = error;
        job.nextRunAt = CronSchedule.parse(job.cron).nextAfter(Instant.now(), ZoneOffset.UTC).orElse(null);
    }
}
