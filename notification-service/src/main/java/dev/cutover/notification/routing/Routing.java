package dev.cutover.notification.routing;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where notifications go, as Alertmanager routes alerts: the receivers, and a tree of routes.
 * The {@code notifications} topic always gets every message; receivers are the extra ways out.
 */
public record Routing(List<ReceiverSpec> receivers, Route route) {

    /**
     * A receiver: {@code log} (the service's log), {@code webhook} (POST of the notification as
     * JSON to {@code url}, or a Slack-compatible {@code {"text": …}} body when {@code format: slack}),
     * {@code email} (to the addresses in {@code to}, over the SMTP server the service is configured with).
     */
    public record ReceiverSpec(String name, String type, String url, String format, List<String> to) {
    }

    /**
     * A node of the tree. {@code match} (keys: severity, environment, topic, rollout; a value may
     * list alternatives as {@code CRITICAL|WARNING}) must hold for the node to apply; its children are
     * tried in order and the first that applies takes the notification unless it says
     * {@code continue: true}; when no child applies, the node's {@code receiver} does.
     * Grouping ({@code group_by}, {@code group_wait}, {@code group_interval}, {@code repeat_interval})
     * and {@code escalate} are inherited by the children that do not set them.
     */
    public record Route(Map<String, String> match, String receiver, @JsonProperty("continue") Boolean continueMatching,
                        @JsonProperty("group_by") List<String> groupBy, @JsonProperty("group_wait") String groupWait,
                        @JsonProperty("group_interval") String groupInterval, @JsonProperty("repeat_interval") String repeatInterval,
                        List<EscalationStep> escalate, List<Route> routes) {
    }

    /** Not acknowledged {@code after} this long (since the previous level was told), a CRITICAL message goes to {@code receiver}. */
    public record EscalationStep(String after, String receiver) {
    }
}
