package dev.cutover.notification.receiver;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cutover.notification.config.NotificationConfig;
import dev.cutover.notification.repository.NotificationRecord;
import dev.cutover.notification.routing.Routing;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;

/** Hands one notification to one receiver; a failure throws, and the delivery is tried again later. */
@ApplicationScoped
public class Receivers {

    private static final Logger LOG = Logger.getLogger(Receivers.class);
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final HttpClient http;
    private final NotificationConfig config;
    private final Mailer mailer;

    public Receivers(NotificationConfig config, Mailer mailer) {
        this.config = config;
        this.mailer = mailer;
        this.http = HttpClient.newBuilder().connectTimeout(config.delivery().timeout()).build();
    }

    public void deliver(Routing.ReceiverSpec receiver, NotificationRecord notification) throws IOException, InterruptedException {
        switch (receiver.type()) {
            case "log" -> log(receiver, notification);
            case "webhook" -> post(receiver, notification);
            case "email" -> mail(receiver, notification);
            default -> throw new IllegalStateException("no receiver of type " + receiver.type());
        }
    }

    public void log(Routing.ReceiverSpec receiver, NotificationRecord notification) {
        LOG.infof("[%s] %s %s: %s", receiver.name(), notification.severity, notification.title, notification.body);
    }

    private void post(Routing.ReceiverSpec receiver, NotificationRecord notification) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(receiver.url()))
                .timeout(config.delivery().timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(receiver, notification))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(receiver.url() + " answered " + response.statusCode());
        }
    }

    /** Plain text: severity and title as the subject, the body, then the links (acknowledge, timeline, dashboard). */
    private void mail(Routing.ReceiverSpec receiver, NotificationRecord n) {
        StringBuilder text = new StringBuilder(n.body).append("\n\n");
        n.links.forEach((name, url) -> text.append(name).append(": ").append(url).append('\n'));
        mailer.send(new Mail().setTo(receiver.to()).setSubject("[" + n.severity + "] " + n.title).setText(text.toString()));
    }

    private static String body(Routing.ReceiverSpec receiver, NotificationRecord n) throws JsonProcessingException {
        if ("slack".equals(receiver.format())) {
            // Slack's link markup, so the timeline, the dashboard and the acknowledgement are a click away
            String links = n.links.entrySet().stream().map(link -> "<" + link.getValue() + "|" + link.getKey() + ">")
                    .collect(Collectors.joining(" · "));
            return JSON.writeValueAsString(Map.of("text", "*" + n.severity + "* " + n.title + "\n" + n.body + "\n" + links));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", n.id);
        json.put("rolloutId", n.rolloutId);
        json.put("createdAt", n.createdAt.toString());
        json.put("severity", n.severity);
        json.put("kind", n.kind);
        json.put("environment", n.environment == null ? "" : n.environment);
        json.put("title", n.title);
        json.put("body", n.body);
        json.put("alertCount", n.alertCount);
        json.put("sourceTopic", n.sourceTopic);
        json.put("sourceEventId", n.sourceEventId);
        json.put("links", n.links);
        return JSON.writeValueAsString(json);
    }
}
