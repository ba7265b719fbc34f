package dev.cutover.support.target;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * A database the rollout changes. The URL carries no secret: {@code credentials} names a set of
 * credentials configured in migration-service ({@code cutover.targets.credentials.<name>.*}).
 */
public record TargetDatabase(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_.-]{0,62}", message = "must be letters, digits, '_', '.' or '-'") String name,
        @NotBlank
        @Pattern(regexp = "jdbc:postgresql://[^?]+(\\?.*)?", message = "must be a jdbc:postgresql:// URL")
        @Pattern(regexp = "(?i)(?!.*password=).*", message = "must not carry a password; name configured credentials instead")
        String jdbcUrl,
        @Pattern(regexp = "[A-Za-z0-9_-]+", message = "must be letters, digits, '_' or '-'") String credentials) {

    public String credentialsName() {
        return credentials == null ? "default" : credentials;
    }
}
