package dev.cutover.notification;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import dev.cutover.testing.TestPostgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real HTTP webhook receiver for the test, on a port of its own: it answers 503 to its first
 * requests (down) and 200 after (up), and keeps what it accepted. The routing file written here sends
 * environment {@code hooktest} to it and to a receiver on a port where nothing listens.
 */
public class WebhookSink implements QuarkusTestResourceLifecycleManager {

    static final int FAILURES_FIRST = 2;
    static final List<String> ACCEPTED = new CopyOnWriteArrayList<>();
    static final AtomicInteger REQUESTS = new AtomicInteger();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hook", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                int status = REQUESTS.incrementAndGet() <= FAILURES_FIRST ? 503 : 200;
                if (status == 200) {
                    ACCEPTED.add(body);
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
            int nobody = TestPostgres.freePort();
            Path routing = Files.createTempFile("routing", ".yaml");
            Files.writeString(routing, """
                    receivers:
                      - {name: log, type: log}
                      - {name: hook, type: webhook, url: "http://127.0.0.1:%d/hook"}
                      - {name: nobody, type: webhook, url: "http://127.0.0.1:%d/hook", format: slack}
                    route:
                      receiver: log
                      routes:
                        - match: {environment: hooktest}
                          receiver: hook
                          continue: true
                        - match: {environment: hooktest, severity: CRITICAL}
                          receiver: nobody
                    """.formatted(server.getAddress().getPort(), nobody));
            return Map.of("cutover.notifications.routing-file", routing.toString(),
                    "cutover.notifications.delivery.max-attempts", "3",
                    "cutover.notifications.delivery.initial-backoff", "200ms",
                    "cutover.notifications.delivery.max-backoff", "1s",
                    "cutover.notifications.delivery.timeout", "2s");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
