package dev.cutover.migration.rest;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.cutover.migration.schedule.ScheduledJob;
import dev.cutover.migration.schedule.ScheduledJobRepository;
import dev.cutover.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/schedules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "schedules")
public class ScheduleResource {

    private final ScheduledJobRepository jobs;

    public ScheduleResource(ScheduledJobRepository jobs) {
        this.jobs = jobs;
    }

    @GET
    @Operation(summary = "Jobs Cutover's scheduler runs on targets without pg_cron, with their last and next run"
            + " (jobs placed in a target's pg_cron are in its cron.job table)")
    @RolesAllowed({ Roles.PERSON })
    public List<Schedule> list() {
        return jobs.byTarget().stream().map(Schedule::of).toList();
    }

    /** A scheduled job as the API shows it; {@code credentials} is the name of configured credentials. */
    public record Schedule(String target, String jdbcUrl, String credentials, String job, String cron, String command,
            Instant nextRunAt, Instant lastRunAt, Long lastDurationMs, String lastError, Instant createdAt) {

        static Schedule of(ScheduledJob job) {
            return new Schedule(job.targetName, job.jdbcUrl, job.credentialsName, job.job, job.cron, job.command,
                    job.nextRunAt, job.lastRunAt, job.lastDurationMs, job.lastError, job.createdAt);
        }
    }
}
