package dev.cutover.migration.schedule;

import java.util.Optional;

import dev.cutover.support.target.TargetDatabase;

/** Where a schedule step puts its job when the target has no pg_cron: Cutover's own scheduler. */
public interface JobRegistry {

    /** Adds the job, or redefines it if the target already has one of that name; its next run is set. */
    ScheduledJob register(TargetDatabase target, String job, String cron, String command);

    Optional<ScheduledJob> find(TargetDatabase target, String job);

    /** @return whether there was such a job */
    boolean remove(TargetDatabase target, String job);
}
