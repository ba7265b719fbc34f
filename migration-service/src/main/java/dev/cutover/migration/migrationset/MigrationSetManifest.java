package dev.cutover.migration.migrationset;

import java.util.List;

/**
 * {@code migration.yaml}: what a migration set is, which tables it affects (backed up and
 * fingerprinted), what the target must provide, and its ordered steps.
 */
public record MigrationSetManifest(
        String id,
        String description,
        List<String> tables,
        Requirements requires,
        List<StepSpec> steps) {

    public Requirements requirements() {
        return requires == null ? new Requirements(List.of(), List.of(), List.of()) : requires;
    }

    /**
     * What the target must have before anything changes. An access method the core server lacks
     * (columnar storage, say) names what to install, so PREFLIGHT can say so.
     */
    public record Requirements(List<String> extensions, List<AccessMethod> accessMethods, List<Precondition> checks) {

        public List<String> extensionsOrEmpty() {
            return extensions == null ? List.of() : extensions;
        }

        public List<AccessMethod> accessMethodsOrEmpty() {
            return accessMethods == null ? List.of() : accessMethods;
        }

        public List<Precondition> checksOrEmpty() {
            return checks == null ? List.of() : checks;
        }
    }

    public record AccessMethod(String name, String install) {
    }

    /** A query returning one boolean that must be true on the target, and what to say when it is not. */
    public record Precondition(String name, String sql, String message) {
    }
}
