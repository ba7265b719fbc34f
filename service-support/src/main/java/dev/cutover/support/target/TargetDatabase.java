package dev.cutover.support.target;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * A database the rollout changes. The URL carries no secret and no driver property outside an
 * allow-list ({@link SafeTargetUrl}): {@code credentials} names a set of credentials configured in
 * migration-service ({@code cutover.targets.credentials.<name>.*}).
 */
public record TargetDatabase(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_.-]{0,62}", message = "must be letters, digits, '_', '.' or '-'") String name,
        @NotBlank
        @SafeTargetUrl String jdbcUrl,
        @Pattern(regexp = "[A-Za-z0-9_-]+", message = "must be letters, digits, '_' or '-'") String credentials) {

    public String credentialsName() {
        return credentials == null ? "default" : credentials;
    }
}
