package dev.cutover.notification.config;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "cutover.notifications")
public interface NotificationConfig {

    /** Base URL of checkpoint-service, for links to a rollout's timeline and dashboard. */
    String dashboardUrl();
}
