package dev.cutover.migration.plan;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

public record EnvironmentPlan(
        @NotBlank @Pattern(regexp = "[a-z][a-z0-9-]{0,62}", message = "must be lower-case letters, digits and dashes") String name,
        @NotEmpty @Valid List<TargetDatabase> targets) {
}
