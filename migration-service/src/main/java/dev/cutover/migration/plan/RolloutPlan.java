package dev.cutover.migration.plan;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/** What a DBA submits: the environments to roll through, in order, each with its target databases. */
public record RolloutPlan(
        @NotBlank @Size(max = 200) String name,
        @NotEmpty @Valid List<EnvironmentPlan> environments) {
}
