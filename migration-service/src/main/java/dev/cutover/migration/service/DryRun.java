package dev.cutover.migration.service;

import java.util.List;

import dev.cutover.events.Phase;

/**
 * What a plan would do, worked out without connecting to any target: the migration set's steps, and
 * per environment its waves and the phases each target goes through. {@code lines} says it for people.
 */
public record DryRun(String name, String migrationSet, List<Step> steps, List<EnvironmentRun> environments, List<String> lines) {

    public record Step(String name, String operation) {
    }

    public record EnvironmentRun(String name, int parallelism, List<Wave> waves, List<Phase> phases) {
    }

    /** @param percent the plan's cumulative share of the environment's targets this wave reaches */
    public record Wave(int number, int percent, List<String> targets) {
    }
}
