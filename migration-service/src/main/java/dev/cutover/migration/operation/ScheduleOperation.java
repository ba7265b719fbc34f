package dev.cutover.migration.operation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.cutover.migration.migrationset.MigrationSet;
import dev.cutover.migration.migrationset.StepSpec;
import dev.cutover.migration.schedule.CronSchedule;
import dev.cutover.migration.schedule.JobRegistry;
import dev.cutover.migration.schedule.ScheduledJob;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code operation: schedule} — a SQL command run on the target on a cron schedule. Where the target
 * has the pg_cron extension the job goes there ({@code cron.schedule}); otherwise Cutover's own
 * scheduler runs it. The job is the feature, so {@code complete} keeps it; {@code rollback} removes
 * it from where {@code start} put it.
 *
 * <p>Where the job went is saved as the step's state before it is placed, so a re-run after a
 * crash places it in the same spot, and a job of the same name that this step did not place is
 * reported by {@code validate} instead of being taken over (and later deleted by a rollback).
 */
@ApplicationScoped
public class ScheduleOperation implements MigrationOperation {

    static final String PG_CRON = "pg_cron";
    static final String CUTOVER = "cutover";
    private static final String PLACED_IN = "placedIn";

    private final JobRegistry registry;

    public ScheduleOperation(JobRegistry registry) {
        this.registry = registry;
    }

    /** @param cron 5 fields, read in UTC by Cutover's scheduler and by pg_cron (unless cron.timezone says otherwise) */
    public record Params(String job, String cron, String command) {
    }

    @Override
    public String kind() {
        return "schedule";
    }

    @Override
    public List<String> check(StepSpec step, MigrationSet set) {
        List<String> problems = new ArrayList<>();
        if (step.file() != null) {
            problems.add("file: a schedule step takes none; its SQL is params.command");
        }
        if (!"operation".equals(step.undo())) {
            problems.add("undo: must be 'operation' (the job is undone by unscheduling it)");
        }
        Params params;
        try {
            params = OperationContext.params(step, Params.class);
        } catch (IllegalArgumentException e) {
            problems.add("params: " + e.getMessage());
            return problems;
        }
        if (params.job() == null || !params.job().matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}")) {
            problems.add("params.job: required; letters, digits, '_', '.' or '-', at most 63");
        }
        try {
            CronSchedule.parse(params.cron());
        } catch (IllegalArgumentException e) {
            problems.add("params.cron: " + e.getMessage());
        }
        if (params.command() == null || params.command().isBlank()) {
            problems.add("params.command: required (the SQL the job runs on the target)");
        }
        return problems;
    }

    @Override
    public List<String> validate(OperationContext context) throws SQLException {
        Params params = context.params(Params.class);
        try (Connection connection = context.open()) {
            boolean pgCron = hasPgCron(connection);
            if (pgCron && !"t".equals(query(connection, "SELECT has_schema_privilege('cron', 'USAGE')"
                    + " AND has_function_privilege('cron.schedule(text,text,text)', 'EXECUTE')"))) {
                return List.of("pg_cron is installed on " + context.target().name() + " but "
                        + query(connection, "SELECT current_user") + " may not call cron.schedule;"
                        + " GRANT USAGE ON SCHEMA cron TO that role");
            }
            if (placedIn(context).isPresent()) {
                return List.of(); // placed by this step before a crash: start carries on
            }
            boolean taken = pgCron ? pgCronJob(connection, params.job()).isPresent()
                    : registry.find(context.target(), params.job()).isPresent();
            return taken ? List.of("params.job: " + (pgCron ? "pg_cron" : "Cutover's scheduler")
                    + " already has a job named '" + params.job() + "' on " + context.target().name()
                    + " that this step did not create; rename the job or remove the existing one") : List.of();
        }
    }

    @Override
    public void start(OperationContext context) throws SQLException {
        Params params = context.params(Params.class);
        try (Connection connection = context.open()) {
            String placement = placedIn(context).orElse(hasPgCron(connection) ? PG_CRON : CUTOVER);
            context.saveState(Map.of(PLACED_IN, placement));
            if (PG_CRON.equals(placement)) {
                try (PreparedStatement schedule = connection.prepareStatement("SELECT cron.schedule(?, ?, ?)")) {
                    schedule.setString(1, params.job());
                    schedule.setString(2, params.cron());
                    schedule.setString(3, params.command());
                    try (ResultSet rows = schedule.executeQuery()) {
                        rows.next();
                        context.evidence("pgCronJobId", rows.getLong(1));
                    }
                }
            } else {
                ScheduledJob job = registry.register(context.target(), params.job(), params.cron(), params.command());
                context.evidence("nextRunAt", String.valueOf(job.nextRunAt));
            }
            context.evidence(PLACED_IN, placement);
        }
    }

    @Override
    public List<Check> verify(OperationContext context) throws SQLException {
        Params params = context.params(Params.class);
        String name = "schedule " + params.job();
        Optional<String> placement = placedIn(context);
        if (placement.isEmpty()) {
            return List.of(new Check(name, "not scheduled: the step has not started", false));
        }
        if (CUTOVER.equals(placement.get())) {
            return List.of(registry.find(context.target(), params.job())
                    .map(job -> new Check(name, String.format("Cutover's scheduler: '%s', next run %s%s", job.cron,
                            job.nextRunAt, job.lastRunAt == null ? ""
                                    : String.format(", last run %s in %d ms%s", job.lastRunAt, job.lastDurationMs,
                                            job.lastError == null ? "" : " failed: " + job.lastError)),
                            job.cron.equals(params.cron()) && job.command.equals(params.command())))
                    .orElse(new Check(name, "missing from Cutover's scheduler", false)));
        }
        try (Connection connection = context.open()) {
            Optional<PgCronJob> job = hasPgCron(connection) ? pgCronJob(connection, params.job()) : Optional.empty();
            if (job.isEmpty()) {
                return List.of(new Check(name, "missing from pg_cron on " + context.target().name(), false));
            }
            ZoneId zone = ZoneId.of(query(connection, "SELECT coalesce(current_setting('cron.timezone', true), 'GMT')"));
            String next = CronSchedule.parse(job.get().schedule()).nextAfter(Instant.now(), zone).map(Instant::toString)
                    .orElse("never");
            return List.of(new Check(name, String.format("pg_cron job %d: '%s', %s, next run %s (%s)%s", job.get().id(),
                    job.get().schedule(), job.get().active() ? "active" : "INACTIVE", next, zone,
                    lastPgCronRun(connection, job.get().id())),
                    job.get().active() && job.get().schedule().equals(params.cron())
                            && job.get().command().equals(params.command())));
        }
    }

    @Override
    public void complete(OperationContext context) {
        // The schedule is what the step delivers: it stays.
    }

    @Override
    public void rollback(OperationContext context) throws SQLException {
        Params params = context.params(Params.class);
        Optional<String> placement = placedIn(context);
        boolean removed = false;
        if (placement.equals(Optional.of(PG_CRON))) {
            try (Connection connection = context.open()) {
                Optional<PgCronJob> job = hasPgCron(connection) ? pgCronJob(connection, params.job()) : Optional.empty();
                if (job.isPresent()) {
                    query(connection, "SELECT cron.unschedule(" + job.get().id() + ")");
                    removed = true;
                }
            }
        } else if (placement.isPresent()) {
            removed = registry.remove(context.target(), params.job());
        }
        context.evidence("removed", removed);
        // Nothing of this step is left: a later start decides afresh where the job goes.
        context.saveState(Map.of());
    }

    private static Optional<String> placedIn(OperationContext context) {
        return Optional.ofNullable((String) context.savedState().get(PLACED_IN));
    }

    private static boolean hasPgCron(Connection connection) throws SQLException {
        return "t".equals(query(connection, "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_cron')"));
    }

    private record PgCronJob(long id, String schedule, String command, boolean active) {
    }

    /** pg_cron job names are unique per role; the job runs as the role that scheduled it. */
    private static Optional<PgCronJob> pgCronJob(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT jobid, schedule, command, active"
                + " FROM cron.job WHERE jobname = ? AND username = current_user")) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next()
                        ? Optional.of(new PgCronJob(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getBoolean(4)))
                        : Optional.empty();
            }
        }
    }

    private static String lastPgCronRun(Connection connection, long jobId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT status, start_time, end_time - start_time,"
                + " return_message FROM cron.job_run_details WHERE jobid = ? ORDER BY start_time DESC LIMIT 1")) {
            statement.setLong(1, jobId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? String.format(", last run %s at %s (%s): %s", rows.getString(1), rows.getString(2),
                        rows.getString(3), rows.getString(4)) : ", not run yet";
            }
        }
    }

    private static String query(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getString(1);
        }
    }
}
