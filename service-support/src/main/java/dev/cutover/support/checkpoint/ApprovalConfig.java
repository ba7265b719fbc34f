package dev.cutover.support.checkpoint;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The platform's approval rules, which no plan can lower (docs/security.md#approval-floors):
 * per environment name the least sign-offs its checkpoints must ask, and the environments where
 * whoever submitted a rollout may not sign off or accept its checkpoints.
 */
@ConfigMapping(prefix = "cutover.approvals")
public interface ApprovalConfig {

    /** By environment name. */
    Map<String, Floor> floors();

    /** Four-eyes: environments where a rollout's submitter may not approve its checkpoints. */
    @WithDefault("production")
    Set<String> fourEyes();

    interface Floor {
        Optional<List<String>> required();

        Optional<List<String>> anyOf();

        @WithDefault("0")
        int anyOfCount();

        default SignOffPolicy policy() {
            return new SignOffPolicy(required().orElse(List.of()), new SignOffPolicy.AnyOf(anyOfCount(), anyOf().orElse(List.of())));
        }
    }
}
