package dev.cutover.migration.schedule;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.cutover.support.target.TargetDatabase;

/** Cutover's scheduler as a map, for schedule steps tested without the service and its database. */
public class InMemoryJobRegistry implements JobRegistry {

    private final Map<String, ScheduledJob> jobs = new LinkedHashMap<>();

    @Override
    public ScheduledJob register(TargetDatabase target, String job, String cron, String command) {
        ScheduledJob entity = new ScheduledJob();
        entity.createdAt = Instant.now();
        entity.define(target, job, cron, command, entity.createdAt);
        jobs.put(key(target, job), entity);
        return entity;
    }

    @Override
    public Optional<ScheduledJob> find(TargetDatabase target, String job) {
        return Optional.ofNullable(jobs.get(key(target, job)));
    }

    @Override
    public boolean remove(TargetDatabase target, String job) {
        return jobs.remove(key(target, job)) != null;
    }

    public List<ScheduledJob> all() {
        return List.copyOf(jobs.values());
    }

    private static String key(TargetDatabase target, String job) {
        return target.jdbcUrl() + " " + job;
    }
}
