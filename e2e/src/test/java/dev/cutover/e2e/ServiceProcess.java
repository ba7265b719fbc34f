package dev.cutover.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cutover.testing.TestKafka;
import dev.cutover.testing.TestPostgres;
import dev.cutover.testing.TestTokens;

/**
 * One packaged service run as users run it: {@code java -jar target/quarkus-app/quarkus-run.jar},
 * against the test database and broker, trusting the test JVM's key set and signing its own calls
 * with its key ({@link TestTokens}); {@code environment} adds to that or overrides it.
 * {@link #get} and {@link #post} call it as an operator.
 */
final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Path jar;
    private final Path log;
    private final Map<String, String> environment;
    private final int port;
    private Process process;

    ServiceProcess(Path root, String name, Map<String, String> environment) {
        this(root, name, environment, TestPostgres.freePort());
    }

    /** On a port chosen before: for two services that each need the other's address. */
    ServiceProcess(Path root, String name, Map<String, String> environment, int port) {
        this.name = name;
        this.jar = root.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (mvn -B package, or mvn -B verify from the root)");
        }
        this.log = root.resolve("e2e/target/e2e-logs").resolve(name + ".log");
        this.port = port;
        this.environment = Map.copyOf(environment);
    }

    String name() {
        return name;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    ServiceProcess start() {
        try {
            Files.createDirectories(log.getParent());
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx192m", "-XX:+UseSerialGC", "-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("CUTOVER_DB_URL", TestPostgres.get().controlJdbcUrl());
            builder.environment().put("CUTOVER_DB_USER", TestPostgres.serviceRole(name.replace("-service", "")));
            builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", TestKafka.get().bootstrapServers());
            builder.environment().put("CUTOVER_KAFKA_USER", name);
            builder.environment().put("CUTOVER_KAFKA_PASSWORD", TestKafka.get().password(name));
            builder.environment().put("CUTOVER_JWT_KEYS", TestTokens.get().keySet().toString());
            builder.environment().put("CUTOVER_SERVICE_KEY", TestTokens.get().serviceKey(name).toString());
            builder.environment().putAll(environment);
            builder.environment().put("CUTOVER_HTTP_PORT", Integer.toString(port));
            process = builder.start();
            return this;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
    }

    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(URI.create(url("/q/health/ready")))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        throw new AssertionError(name + " not ready within " + timeout + "; see " + log);
    }

    /** GET of a JSON resource as an operator; an empty object while the service does not answer (it may be restarting). */
    JsonNode get(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url(path)))
                    .header("Authorization", "Bearer " + operatorToken())
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            return JSON.createObjectNode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POST of {@code body} as JSON, as an operator; the answer as it came. */
    HttpResponse<String> post(String path, Object body) throws IOException, InterruptedException {
        return send("POST", path, body, operatorToken());
    }

    /** {@code method} with {@code body} as JSON, as the holder of {@code bearerToken} (none when null). */
    HttpResponse<String> send(String method, String path, Object body, String bearerToken)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String operatorToken() {
        return TestTokens.get().person("e2e-operator", "operator");
    }

    /** SIGKILL: a crash, with no chance to finish or commit anything. */
    void crash() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                crash();
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
