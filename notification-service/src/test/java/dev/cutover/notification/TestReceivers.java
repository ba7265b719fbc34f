package dev.cutover.notification;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import dev.cutover.testing.TestPostgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Real receivers for the tests, on ports of their own: an HTTP server whose paths are webhooks (the
 * first requests to {@code /hook} are refused with 503 — down — and accepted after — up; the others
 * always accept), an SMTP server that keeps every mail, and the routing file that sends each test's
 * environment to its receivers. Every test class of the module uses this resource, so the
 * application starts once.
 */
public class TestReceivers implements QuarkusTestResourceLifecycleManager {

    static final int FAILURES_FIRST = 2;
    /** Accepted request bodies by path ({@code /hook}, {@code /grouped}, {@code /pager}, {@code /lead}, {@code /pm}). */
    static final Map<String, List<String>> ACCEPTED = new ConcurrentHashMap<>();
    static final AtomicInteger HOOK_REQUESTS = new AtomicInteger();
    static SmtpSink smtp;
    private HttpServer server;

    static List<String> accepted(String path, String containing) {
        return ACCEPTED.getOrDefault(path, List.of()).stream().filter(b -> b.contains(containing)).toList();
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                boolean down = path.equals("/hook") && HOOK_REQUESTS.incrementAndGet() <= FAILURES_FIRST;
                if (!down) {
                    ACCEPTED.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(body);
                }
                exchange.sendResponseHeaders(down ? 503 : 200, -1);
                exchange.close();
            });
            server.start();
            smtp = SmtpSink.start();
            String hooks = "http://127.0.0.1:" + server.getAddress().getPort();
            int nobody = TestPostgres.freePort();
            Path routing = Files.createTempFile("routing", ".yaml");
            Files.writeString(routing, """
                    receivers:
                      - {name: log, type: log}
                      - {name: hook, type: webhook, url: "%1$s/hook"}
                      - {name: nobody, type: webhook, url: "http://127.0.0.1:%2$d/hook", format: slack}
                      - {name: grouped, type: webhook, url: "%1$s/grouped"}
                      - {name: pager, type: webhook, url: "%1$s/pager"}
                      - {name: lead, type: webhook, url: "%1$s/lead"}
                      - {name: pm, type: webhook, url: "%1$s/pm", format: slack}
                      - {name: dba-mail, type: email, to: [dba@example.com, lead@example.com]}
                    route:
                      receiver: log
                      routes:
                        - match: {environment: hooktest}
                          receiver: hook
                          continue: true
                        - match: {environment: hooktest, severity: CRITICAL}
                          receiver: nobody
                        - match: {environment: grouptest}
                          receiver: grouped
                          group_by: [environment]
                          group_wait: 2s
                          group_interval: 3s
                          repeat_interval: 6s
                        - match: {environment: escalationtest}
                          receiver: pager
                          escalate: [{after: 3s, receiver: lead}, {after: 2s, receiver: pm}]
                        - match: {environment: mailtest}
                          receiver: dba-mail
                    """.formatted(hooks, nobody));
            return Map.of("cutover.notifications.routing-file", routing.toString(),
                    "cutover.notifications.delivery.max-attempts", "3",
                    "cutover.notifications.delivery.initial-backoff", "200ms",
                    "cutover.notifications.delivery.max-backoff", "1s",
                    "cutover.notifications.delivery.timeout", "2s",
                    "quarkus.mailer.host", "127.0.0.1",
                    "quarkus.mailer.port", String.valueOf(smtp.port()),
                    "quarkus.mailer.start-tls", "DISABLED");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
        if (smtp != null) {
            smtp.close();
        }
    }
}
