package dev.cutover.checkpoint.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How checkpoint-service defines a rollout's checkpoints and keeps its cutover windows. */
@ConfigMapping(prefix = "cutover.checkpoint")
public interface CheckpointConfig {

    /**
     * Whether a new rollout's checkpoints come from its plan (asked of migration-service at the
     * rollout's first event). Off only where checkpoint-service runs without migration-service (its
     * own tests); a rollout then starts with the shipped defaults.
     */
    @WithDefault("true")
    boolean checkpointsFromPlans();

    /**
     * How often running cutover windows are checked for their assessment and hard stop. Read by
     * CutoverWindows' {@code @Scheduled} expression; declared here because the mapping owns its prefix.
     */
    @WithDefault("1s")
    Duration windowTick();
}
