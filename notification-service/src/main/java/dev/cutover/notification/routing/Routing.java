package dev.cutover.notification.routing;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where notifications go, as Alertmanager routes alerts: the receivers, and a tree of routes.
 * The {@code notifications} topic always gets every notification; receivers are the extra ways out.
 */
public record Routing(List<ReceiverSpec> receivers, Route route) {

    /**
     * A receiver: {@code log} (the service's log), {@code webhook} (POST of the notification as
     * JSON to {@code url}, or a Slack-compatible {@code {"text": …}} body when {@code format: slack}).
     */
    public record ReceiverSpec(String name, String type, String url, String format) {
    }

    /**
     * A node of the tree. {@code match} (keys: severity, environment, topic, rollout; a value may
     * list alternatives as {@code CRITICAL|WARNING}) must hold for the node to apply; its children are
     * tried in order and the first that applies takes the notification unless it says
     * {@code continue: true}; when no child applies, the node's {@code receiver} does.
     */
    public record Route(Map<String, String> match, String receiver, @JsonProperty("continue") Boolean continueMatching,
                        List<Route> routes) {
    }
}
