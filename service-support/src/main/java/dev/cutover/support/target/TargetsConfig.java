package dev.cutover.support.target;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How migration-service reaches target databases. */
@ConfigMapping(prefix = "cutover.targets")
public interface TargetsConfig {

    /** Credential sets by name; plans refer to them, so secrets stay in configuration. */
    Map<String, Credentials> credentials();

    @WithDefault("5s")
    Duration connectTimeout();

    interface Credentials {
        String user();

        Optional<String> password();
    }
}
