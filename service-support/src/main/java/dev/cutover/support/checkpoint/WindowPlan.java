package dev.cutover.support.checkpoint;

import java.time.Duration;

import dev.cutover.events.Phase;
import dev.cutover.support.expression.Durations;

/**
 * The cutover window a checkpoint guards (seeds: production cutover within 90 minutes, assessed at
 * 75): it opens when {@code opensAfter} completes on the environment's first target, is assessed
 * {@code assessAfter} later (progress and ETA announced), and closes when {@code closesAfter} has
 * completed on every target — or reaches {@code hardStopAfter} first, which requests a rollback.
 */
public record WindowPlan(Phase opensAfter, Phase closesAfter, String assessAfter, String hardStopAfter) {

    public Duration assessment() {
        return Durations.parse(assessAfter);
    }

    public Duration hardStop() {
        return Durations.parse(hardStopAfter);
    }
}
