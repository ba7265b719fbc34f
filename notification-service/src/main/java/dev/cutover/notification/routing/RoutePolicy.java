package dev.cutover.notification.routing;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What the routing decided for one alert: its receivers, and how the route that took it first groups
 * and escalates (inherited down the tree). {@code path} names that route ({@code route.routes[0]}).
 */
public record RoutePolicy(String path, Set<String> receivers, List<String> groupBy, Duration groupWait, Duration groupInterval,
                          Duration repeatInterval, List<Routing.EscalationStep> escalation) {
}
