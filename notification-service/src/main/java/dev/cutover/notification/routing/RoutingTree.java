package dev.cutover.notification.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.cutover.support.expression.Durations;
import dev.cutover.support.rest.Problem;

/** A validated {@link Routing}: which receivers a notification goes to. */
public final class RoutingTree {

    static final Set<String> TYPES = Set.of("log", "webhook", "email");
    /** The root's timings when it sets none: the first message of a group at once, updates at most once a minute, repeats every 4 h. */
    private static final Inherited ROOT_DEFAULTS = new Inherited(null, null, Duration.ZERO, Duration.ofMinutes(1), Duration.ofHours(4),
            List.of(), null);
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
            } else if (receiver.type().equals("email")) {
                if (receiver.to() == null || receiver.to().isEmpty()
                        || receiver.to().stream().anyMatch(a -> a == null || !a.matches("[^@\\s]+@[^@\\s]+"))) {
                    errors.add(new Problem.FieldError(at + ".to", "an email receiver needs a list of addresses (name@host)"));
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
            route.match().keySet().stream().filter(k -> !Alert.LABELS.contains(k)).forEach(k -> errors.add(
                    new Problem.FieldError(at + ".match." + k, "cannot match on '" + k + "'; keys: " + Alert.LABELS)));
        }
        if (route.groupBy() != null) {
            for (int i = 0; i < route.groupBy().size(); i++) {
                if (!Alert.LABELS.contains(route.groupBy().get(i))) {
                    errors.add(new Problem.FieldError(at + ".group_by[" + i + "]", "cannot group by '" + route.groupBy().get(i)
                            + "'; labels: " + Alert.LABELS));
                }
            }
        }
        Durations.problem(route.groupWait()).ifPresent(p -> errors.add(new Problem.FieldError(at + ".group_wait", p)));
        Durations.problem(route.groupInterval()).ifPresent(p -> errors.add(new Problem.FieldError(at + ".group_interval", p)));
        Durations.problem(route.repeatInterval()).ifPresent(p -> errors.add(new Problem.FieldError(at + ".repeat_interval", p)));
        if (route.repeatInterval() != null && Durations.problem(route.repeatInterval()).isEmpty()
                && Durations.parse(route.repeatInterval()).isZero()) {
            errors.add(new Problem.FieldError(at + ".repeat_interval", "must be longer than zero"));
        }
        List<Routing.EscalationStep> steps = route.escalate() == null ? List.of() : route.escalate();
        for (int i = 0; i < steps.size(); i++) {
            Routing.EscalationStep step = steps.get(i);
            String stepAt = at + ".escalate[" + i + "]";
            if (step.after() == null || Durations.problem(step.after()).isPresent() || Durations.parse(step.after()).isZero()) {
                errors.add(new Problem.FieldError(stepAt + ".after", "how long a CRITICAL may go unacknowledged, such as 5m"));
            }
            if (step.receiver() == null || !receivers.contains(step.receiver())) {
                errors.add(new Problem.FieldError(stepAt + ".receiver", "unknown receiver '" + step.receiver() + "'; defined: " + receivers));
            }
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

    /** The receivers the alert goes to (in the order the tree names them), grouped and escalated as the first route that takes it says. */
    public RoutePolicy policyFor(Alert alert) {
        Set<String> chosen = new LinkedHashSet<>();
        List<Inherited> takers = new ArrayList<>();
        walk(routing.route(), ROOT_DEFAULTS.below(routing.route(), "route"), alert, chosen, takers);
        Inherited first = takers.get(0);
        return new RoutePolicy(first.path, chosen, first.groupBy, first.groupWait, first.groupInterval, first.repeatInterval,
                first.escalation);
    }

    public Routing.ReceiverSpec receiver(String name) {
        return routing.receivers().stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
    }

    /** A route that applies: its first applying child takes the alert (more with continue), else the route itself. */
    private static void walk(Routing.Route route, Inherited settings, Alert alert, Set<String> chosen, List<Inherited> takers) {
        boolean taken = false;
        List<Routing.Route> children = route.routes() == null ? List.of() : route.routes();
        for (int i = 0; i < children.size(); i++) {
            Routing.Route child = children.get(i);
            if (matches(child, alert)) {
                walk(child, settings.below(child, settings.path + ".routes[" + i + "]"), alert, chosen, takers);
                taken = true;
                if (!Boolean.TRUE.equals(child.continueMatching())) {
                    break;
                }
            }
        }
        if (!taken) {
            chosen.add(settings.receiver);
            takers.add(settings);
        }
    }

    /** A route's settings after what it inherits from its parents. */
    private record Inherited(String path, String receiver, Duration groupWait, Duration groupInterval, Duration repeatInterval,
                             List<Routing.EscalationStep> escalation, List<String> groupBy) {

        Inherited below(Routing.Route route, String at) {
            return new Inherited(at, route.receiver() != null ? route.receiver() : receiver,
                    route.groupWait() != null ? Durations.parse(route.groupWait()) : groupWait,
                    route.groupInterval() != null ? Durations.parse(route.groupInterval()) : groupInterval,
                    route.repeatInterval() != null ? Durations.parse(route.repeatInterval()) : repeatInterval,
                    route.escalate() != null ? route.escalate() : escalation,
                    route.groupBy() != null ? route.groupBy() : groupBy);
        }
    }

    private static boolean matches(Routing.Route route, Alert alert) {
        if (route.match() == null) {
            return true;
        }
        for (Map.Entry<String, String> condition : route.match().entrySet()) {
            String actual = alert.label(condition.getKey());
            Set<String> allowed = Set.of(condition.getValue().toUpperCase(Locale.ROOT).split("\\|"));
            if (actual == null || !allowed.contains(actual.toUpperCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }
}
