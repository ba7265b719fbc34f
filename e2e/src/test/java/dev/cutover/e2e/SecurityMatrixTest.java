package dev.cutover.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cutover.testing.TestTokens;

/**
 * The authorisation matrix: every operation of every service's {@code /q/openapi} against the table
 * in docs/security.md, tried with no token and every kind of bad token (401), with a token whose
 * roles the operation does not allow (403), and with each role it allows (neither). Fails on an
 * operation the table does not list, or a row no service serves. Then a seeded stream of malformed
 * requests over every operation ({@link HostileRequests}): each must be a 4xx problem+json.
 */
class SecurityMatrixTest {

    private static final List<String> SERVICES = List.of("migration-service", "benchmark-service", "monitoring-service",
            "checkpoint-service", "notification-service");
    private static final Set<String> PEOPLE = Set.of("dba", "operator", "infra-lead", "app-lead", "pm", "cto");
    private static final List<String> ALL_ROLES = List.of("dba", "operator", "infra-lead", "app-lead", "pm", "cto",
            "service-migration", "service-benchmark", "service-monitoring", "service-checkpoint", "service-notification");
    private static final Pattern ROW = Pattern.compile("^\\| ([a-z]+-service) \\| (GET|POST|PUT|DELETE|PATCH) \\| (\\S+) \\| (.+) \\|$");
    // HTTP/1.1 as curl and the services' clients speak it (no h2c upgrade of megabyte bodies)
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, ServiceProcess> running = new LinkedHashMap<>();
    private static final long HOSTILE_SEED = Long.getLong("cutover.hostile.seed", 18L);
    private static final int HOSTILE_PER_OPERATION = 20;

    private record Operation(String service, String method, String path) implements Comparable<Operation> {

        @Override
        public int compareTo(Operation other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return service + " " + method + " " + path;
        }
    }

    @BeforeAll
    static void startServices() {
        Path root = Repository.root();
        Map<String, String> environment = new LinkedHashMap<>(Map.of(
                "CUTOVER_SUITES", root.resolve("sql/suites").toString()));
        for (String name : SERVICES) {
            running.put(name, new ServiceProcess(root, name, environment).start());
        }
        running.values().forEach(service -> service.awaitReady(Duration.ofSeconds(120)));
    }

    @AfterAll
    static void stopServices() throws InterruptedException {
        for (ServiceProcess service : running.values()) {
            service.stop();
        }
    }

    @Test
    void everyOperationRefusesEveryBadTokenAndEveryRoleItDoesNotAllow() throws Exception {
        Map<Operation, Set<String>> table = documentedTable();
        Set<Operation> served = servedOperations();
        assertEquals(new TreeSet<>(served), new TreeSet<>(table.keySet()),
                "docs/security.md lists exactly the operations the services serve (left: served, right: documented)");

        Map<String, String> before = snapshot();
        Map<String, Function<Map<String, Object>, String>> unauthenticated = attacks();
        Map<String, Integer> counts = new TreeMap<>();
        List<String> lines = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (Operation operation : new TreeSet<>(table.keySet())) {
            Set<String> allowed = table.get(operation);
            StringBuilder line = new StringBuilder(operation.toString());
            Map<String, Object> everyRole = TestTokens.claims("mallory", PEOPLE.toArray(String[]::new));
            expect(operation, null, 401, "no token", line, counts, wrong);
            for (Map.Entry<String, Function<Map<String, Object>, String>> attack : unauthenticated.entrySet()) {
                expect(operation, attack.getValue().apply(new LinkedHashMap<>(everyRole)), 401, attack.getKey(), line, counts, wrong);
            }
            // a service's key grants that service only, whatever its token claims
            if (!allowed.contains("service-notification")) {
                expect(operation, TestTokens.get().service("service-notification", everyRole), 403,
                        "service key claiming people roles", line, counts, wrong);
            }
            // a people token cannot claim a service's role
            expect(operation, TestTokens.get().person("mallory", "service-migration", "service-checkpoint", "service-monitoring"), 403,
                    "person claiming service roles", line, counts, wrong);
            for (String role : ALL_ROLES) {
                if (!allows(allowed, role)) {
                    expect(operation, token(role), 403, "role " + role, line, counts, wrong);
                }
            }
            lines.add(line.toString());
        }
        assertEquals(before, snapshot(), "refused requests changed nothing");

        for (Operation operation : new TreeSet<>(table.keySet())) {
            StringBuilder line = new StringBuilder(operation.toString());
            for (String role : ALL_ROLES) {
                if (allows(table.get(operation), role)) {
                    int status = call(operation, token(role));
                    line.append(" | ").append(role).append(": ").append(status);
                    counts.merge("allowed → " + status, 1, Integer::sum);
                    if (status == 401 || status == 403 || status >= 500) {
                        wrong.add(operation + " as " + role + ": " + status);
                    }
                }
            }
            lines.add(line.toString());
        }
        Path report = Repository.root().resolve("e2e/target/security-matrix.txt");
        Files.createDirectories(report.getParent());
        Files.write(report, concat(lines, counts));
        assertTrue(wrong.isEmpty(), wrong.size() + " unexpected answers (see " + report + "):\n" + String.join("\n", wrong));
    }

    @Test
    void hostileRequestsAreClientErrorsWithProblemBodiesAndNoServiceFallsOver() throws Exception {
        HostileRequests hostile = new HostileRequests(HOSTILE_SEED);
        Map<Integer, Integer> byStatus = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        int sent = 0;
        for (Operation operation : new TreeSet<>(documentedTable().keySet())) {
            String token = token("dba"); // every operation allows a DBA (as a person or by name)
            for (HostileRequests.Request request : hostile.forOperation(operation.method(), operation.path(), HOSTILE_PER_OPERATION)) {
                HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(running.get(operation.service()).url(request.path())))
                        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                        .method(operation.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(request.body()));
                if (request.mediaType() != null) {
                    builder.header("Content-Type", request.mediaType());
                }
                String what = operation.method() + " " + operation.service() + clip(request.path(), 120) + " " + request.mediaType()
                        + " " + clip(request.body(), 80);
                HttpResponse<InputStream> response;
                try {
                    response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
                } catch (IOException e) {
                    wrong.add("no answer (" + e + ") for " + what);
                    continue;
                } finally {
                    sent++;
                }
                int status = response.statusCode();
                byStatus.merge(status, 1, Integer::sum);
                String body = "";
                try (InputStream in = response.body()) {
                    if (status >= 400) {
                        body = new String(in.readNBytes(20_000), java.nio.charset.StandardCharsets.UTF_8);
                    }
                }
                String contentType = response.headers().firstValue("Content-Type").orElse("");
                if (status >= 500 || (status >= 400 && !contentType.startsWith("application/problem+json"))) {
                    wrong.add(status + " " + contentType + " for " + what + ": " + clip(body, 300));
                } else if (body.contains("Exception") || body.contains("ERROR:") || body.contains("\tat ")) {
                    wrong.add("internals shown for " + what + ": " + clip(body, 300));
                }
            }
        }
        for (ServiceProcess service : running.values()) {
            service.awaitReady(Duration.ofSeconds(10));
        }
        Path report = Repository.root().resolve("e2e/target/hostile-requests.txt");
        Files.createDirectories(report.getParent());
        List<String> lines = new ArrayList<>(List.of("seed " + HOSTILE_SEED + ", " + sent + " requests", "by status: " + byStatus));
        lines.addAll(wrong);
        Files.write(report, lines);
        assertTrue(sent >= 1000, "at least 1000 hostile requests: " + sent);
        assertTrue(wrong.isEmpty(), wrong.size() + " of " + sent + " answers were not a problem+json 4xx (see " + report + "):\n"
                + String.join("\n", wrong.subList(0, Math.min(20, wrong.size()))));
    }

    /** The attacks that must not authenticate, each turning the claims of a valid token into a bad one. */
    private static Map<String, Function<Map<String, Object>, String>> attacks() {
        TestTokens tokens = TestTokens.get();
        Map<String, Function<Map<String, Object>, String>> attacks = new LinkedHashMap<>();
        attacks.put("garbage", claims -> "not-a-jwt");
        attacks.put("alg none", tokens::unsigned);
        attacks.put("HS256 with the public key", tokens::hs256WithPublicKey);
        attacks.put("foreign RSA key", tokens::signForeign);
        attacks.put("no key id", tokens::signWithoutKeyId);
        attacks.put("expired 10 s ago", claims -> {
            long now = Instant.now().getEpochSecond();
            claims.put("iat", now - 600);
            claims.put("exp", now - 10);
            return tokens.sign(TestTokens.PEOPLE_KEY, claims);
        });
        attacks.put("wrong issuer", claims -> {
            claims.put("iss", "someone-else");
            return tokens.sign(TestTokens.PEOPLE_KEY, claims);
        });
        attacks.put("wrong audience", claims -> {
            claims.put("aud", "another-application");
            return tokens.sign(TestTokens.PEOPLE_KEY, claims);
        });
        return attacks;
    }

    private static boolean allows(Set<String> allowed, String role) {
        return allowed.contains(role) || (allowed.contains("person") && PEOPLE.contains(role));
    }

    private static String token(String role) {
        return role.startsWith("service-") ? TestTokens.get().service(role, TestTokens.claims(role, role))
                : TestTokens.get().person("matrix-" + role, role);
    }

    private static void expect(Operation operation, String token, int expected, String attack, StringBuilder line,
            Map<String, Integer> counts, List<String> wrong) throws IOException, InterruptedException {
        int status = call(operation, token);
        line.append(" | ").append(attack).append(": ").append(status);
        counts.merge(attack.startsWith("role ") ? "role not allowed → " + status : attack + " → " + status, 1, Integer::sum);
        if (status != expected) {
            wrong.add(operation + " with " + attack + ": " + status + " instead of " + expected);
        }
    }

    /** The operation on an id nobody has, with an empty JSON body where it takes one; the status only. */
    private static int call(Operation operation, String token) throws IOException, InterruptedException {
        String path = operation.path().replace("{id}", UUID.randomUUID().toString());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(running.get(operation.service()).url(path)))
                .timeout(Duration.ofSeconds(10));
        if (operation.method().equals("GET") || operation.method().equals("DELETE")) {
            request.method(operation.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(operation.method(), HttpRequest.BodyPublishers.ofString("{}"));
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        // headers only: an allowed GET of /updates is a stream that never ends
        HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        return response.statusCode();
    }

    private static Map<Operation, Set<String>> documentedTable() throws IOException {
        Map<Operation, Set<String>> table = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Repository.root().resolve("docs/security.md"))) {
            Matcher row = ROW.matcher(line.strip());
            if (row.matches()) {
                Set<String> roles = new TreeSet<>();
                for (String role : row.group(4).split(",")) {
                    roles.add(role.strip());
                }
                table.put(new Operation(row.group(1), row.group(2), row.group(3)), roles);
            }
        }
        return table;
    }

    private static Set<Operation> servedOperations() throws IOException, InterruptedException {
        Set<Operation> served = new TreeSet<>();
        for (Map.Entry<String, ServiceProcess> service : running.entrySet()) {
            HttpResponse<String> document = HTTP.send(HttpRequest.newBuilder(URI.create(service.getValue().url("/q/openapi?format=json")))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, document.statusCode(), "/q/openapi is open to anyone");
            JsonNode paths = JSON.readTree(document.body()).get("paths");
            paths.fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
                if (Set.of("get", "post", "put", "delete", "patch").contains(method)) {
                    served.add(new Operation(service.getKey(), method.toUpperCase(), path.getKey()));
                }
            }));
        }
        return served;
    }

    /** What a refused request could have changed, read as an operator. */
    private static Map<String, String> snapshot() {
        Map<String, String> state = new LinkedHashMap<>();
        state.put("rollouts", ids(running.get("migration-service").get("/rollouts?limit=500")));
        state.put("benchmarks", ids(running.get("benchmark-service").get("/benchmarks?limit=500")));
        state.put("rules", running.get("monitoring-service").get("/rules").toString());
        state.put("routing", running.get("notification-service").get("/routing").toString());
        return state;
    }

    private static String ids(JsonNode list) {
        Set<String> ids = new TreeSet<>();
        list.forEach(item -> ids.add(item.path("id").asText()));
        return ids.toString();
    }

    private static String clip(String text, int length) {
        return text == null ? "" : text.substring(0, Math.min(length, text.length()));
    }

    private static List<String> concat(List<String> lines, Map<String, Integer> counts) {
        List<String> all = new ArrayList<>(lines);
        all.add("");
        counts.forEach((answer, count) -> all.add(answer + ": " + count));
        return all;
    }
}
