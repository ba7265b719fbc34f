package dev.cutover.notification.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import dev.cutover.notification.config.NotificationConfig;
import dev.cutover.support.rest.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The routing in force: the configured file, or the shipped default; a bad one stops the service at start, naming every problem. */
@ApplicationScoped
public class RoutingLoader {

    private static final String DEFAULT = "/routing/default.yaml";

    @Produces
    @Singleton
    RoutingTree routingTree(NotificationConfig config) {
        String source = config.routingFile().orElse("classpath:" + DEFAULT);
        Routing routing;
        try (InputStream in = config.routingFile().isPresent() ? Files.newInputStream(Path.of(config.routingFile().get()))
                : RoutingLoader.class.getResourceAsStream(DEFAULT)) {
            routing = RoutingTree.read(in);
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException("cannot read the routing " + source + ": " + e.getMessage(), e);
        }
        List<Problem.FieldError> problems = RoutingTree.problems(routing);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the routing " + source + " has " + problems.size() + " problem(s): " + problems.stream()
                    .map(p -> p.field() + " " + p.message()).collect(Collectors.joining("; ")));
        }
        return RoutingTree.of(routing);
    }
}
