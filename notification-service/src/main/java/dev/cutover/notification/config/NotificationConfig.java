package dev.cutover.notification.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "cutover.notifications")
public interface NotificationConfig {

    /** Base URL of checkpoint-service, for links to a rollout's timeline and dashboard. */
    String dashboardUrl();

    /** This service's own base URL as people reach it: the acknowledgement link in CRITICAL messages. */
    String publicUrl();

    /**
     * How often due group messages and escalations are looked for; {@code DueGroups}' schedule reads
     * it as a property, declared here so it is validated like the rest.
     */
    @WithDefault("1s")
    Duration groupingTick();

    /** A routing file (YAML) to use instead of the shipped routing/default.yaml. */
    Optional<String> routingFile();

    Deliveries delivery();

    /** How deliveries to receivers are retried before they become dead letters. */
    interface Deliveries {

        @WithDefault("8")
        int maxAttempts();

        @WithDefault("1s")
        Duration initialBackoff();

        @WithDefault("1m")
        Duration maxBackoff();

        /** Connect and response timeout of one webhook call. */
        @WithDefault("5s")
        Duration timeout();
    }
}
