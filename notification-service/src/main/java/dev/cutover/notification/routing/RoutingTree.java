package dev.cutover.notification.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.cutover.events.Notification;
import dev.cutover.support.rest.Problem;

/** A validated {@link Routing}: which receivers a notification goes to. */
public final class RoutingTree {

    static final Set<String> MATCH_KEYS = Set.of("severity", "environment", "topic", "rollout");
    static final Set<String> TYPES = Set.of("log", "webhook");
    private static final YAMLMapper YAML = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final Routing routing;

    private RoutingTree(Routing routing) {
        this.routing = routing;
    }

    public Routing routing() {
        return routing;
    }

    /** Reads YAML (or JSON) routing; the problems come back from {@link #problems}. */
    public static Routing read(InputStream in) {
        try {
            return YAML.readValue(in, Routing.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable routing: " + e.getMessage(), e);
        }
    }

    /** Every problem at once, each with its path ({@code route.routes[1].receiver}). */
    public static List<Problem.FieldError> problems(Routing routing) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (routing == null) {
            errors.add(new Problem.FieldError("route", "routing needs receivers and a route"));
            return errors;
        }
        Set<String> names = new HashSet<>();
        List<Routing.ReceiverSpec> receivers = routing.receivers() == null ? List.of() : routing.receivers();
        for (int i = 0; i < receivers.size(); i++) {
            Routing.ReceiverSpec receiver = receivers.get(i);
            String at = "receivers[" + i + "]";
            if (receiver.name() == null || !receiver.name().matches("[a-z][a-z0-9_-]{0,62}")) {
                errors.add(new Problem.FieldError(at + ".name", "must be lower-case letters, digits, '_' or '-'"));
            } else if (!names.add(receiver.name())) {
                errors.add(new Problem.FieldError(at + ".name", "'" + receiver.name() + "' is defined twice"));
            }
            if (!TYPES.contains(receiver.type())) {
                errors.add(new Problem.FieldError(at + ".type", "must be one of " + TYPES.stream().sorted().toList()));
            } else if (receiver.type().equals("webhook")) {
                if (!isHttpUrl(receiver.url())) {
                    errors.add(new Problem.FieldError(at + ".url", "a webhook needs an http(s) URL"));
                }
                if (receiver.format() != null && !Set.of("json", "slack").contains(receiver.format())) {
                    errors.add(new Problem.FieldError(at + ".format", "must be json (the notification) or slack ({\"text\": …})"));
                }
            }
        }
        if (routing.route() == null) {
            errors.add(new Problem.FieldError("route", "the root route is required"));
        } else {
            if (routing.route().receiver() == null) {
                errors.add(new Problem.FieldError("route.receiver", "the root route needs a receiver: it takes what no other route does"));
            }
            route(routing.route(), "route", names, errors);
        }
        return errors;
    }

    private static void route(Routing.Route route, String at, Set<String> receivers, List<Problem.FieldError> errors) {
        if (route.receiver() != null && !receivers.contains(route.receiver())) {
            errors.add(new Problem.FieldError(at + ".receiver", "unknown receiver '" + route.receiver() + "'; defined: " + receivers));
        }
        if (route.match() != null) {
            route.match().keySet().stream().filter(k -> !MATCH_KEYS.contains(k)).forEach(k -> errors.add(
                    new Problem.FieldError(at + ".match." + k, "cannot match on '" + k + "'; keys: " + MATCH_KEYS.stream().sorted().toList())));
        }
        List<Routing.Route> children = route.routes() == null ? List.of() : route.routes();
        for (int i = 0; i < children.size(); i++) {
            Routing.Route child = children.get(i);
            route(child, at + ".routes[" + i + "]", receivers, errors);
        }
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = URI.create(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    /** Builds the tree; the routing must have no problems. */
    public static RoutingTree of(Routing routing) {
        List<Problem.FieldError> errors = problems(routing);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid routing: " + errors);
        }
        return new RoutingTree(routing);
    }

    /** The receivers the notification goes to, in the order the tree names them. */
    public Set<String> receiversFor(Notification notification) {
        Set<String> chosen = new LinkedHashSet<>();
        walk(routing.route(), routing.route().receiver(), notification, chosen);
        return chosen;
    }

    public Routing.ReceiverSpec receiver(String name) {
        return routing.receivers().stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
    }

    /** A route that applies: its first applying child takes the notification (more with continue), else the route itself. */
    private static void walk(Routing.Route route, String inherited, Notification notification, Set<String> chosen) {
        String receiver = route.receiver() != null ? route.receiver() : inherited;
        boolean taken = false;
        for (Routing.Route child : route.routes() == null ? List.<Routing.Route>of() : route.routes()) {
            if (matches(child, notification)) {
                walk(child, receiver, notification, chosen);
                taken = true;
                if (!Boolean.TRUE.equals(child.continueMatching())) {
                    break;
                }
            }
        }
        if (!taken) {
            chosen.add(receiver);
        }
    }

    private static boolean matches(Routing.Route route, Notification notification) {
        if (route.match() == null) {
            return true;
        }
        for (Map.Entry<String, String> condition : route.match().entrySet()) {
            String actual = switch (condition.getKey()) {
                case "severity" -> notification.severity().name();
                case "environment" -> notification.environment();
                case "topic" -> notification.sourceTopic();
                default -> notification.rolloutId().toString();
            };
            Set<String> allowed = Set.of(condition.getValue().toUpperCase(Locale.ROOT).split("\\|"));
            if (actual == null || !allowed.contains(actual.toUpperCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }
}
