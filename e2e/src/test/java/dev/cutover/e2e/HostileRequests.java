package dev.cutover.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Malformed requests for an operation, drawn from a seeded generator so a failure can be replayed:
 * broken and truncated JSON and YAML, wrong types, a 1 MB string, deep nesting, NUL and unpaired
 * surrogates, numbers out of range, durations and instants that overflow, bad ids and limits,
 * wrong media types, duplicate keys and trailing content. (A malformed %-escape cannot be sent by
 * Java's HTTP client; NotificationTest sends one.)
 */
final class HostileRequests {

    /** One request: the path with its query, the media type and the body (null: none). */
    record Request(String path, String mediaType, String body) {
    }

    private static final String BIG = "x".repeat(1_000_000);
    private static final List<String> BAD_IDS = List.of("1-1-1-1-1", "not-a-uuid", "%00", "%0A", "00000000-0000-0000-0000-00000000000g",
            "a".repeat(3000), "..%2F..%2Fetc%2Fpasswd", "%ED%A0%80");
    private static final List<String> QUERIES = List.of("limit=abc", "limit=-1", "limit=0", "limit=99999999999", "limit=1.5",
            "since=-1000000000-01-01T00:00:00Z", "until=%2B1000000000-01-01T00:00:00Z", "from=yesterday", "to=0",
            "since=2026-02-30T00:00:00Z", "rolloutId=1-1-1-1-1", "rolloutId=%00", "status=LOUD", "severity=%00",
            "receiver=%00", "subject=%ED%A0%80", "baseline=x&candidate=y", "active=maybe", "environment=%00", "limit=%C0%80");
    private static final List<String> JSON_BODIES = List.of("", "{", "{\"name\":", "[]", "null", "42", "\"text\"", "{} {}",
            "{\"reason\": \"a\", \"reason\": \"b\"}", "{\"name\": \"a\\u0000b\"}", "{\"name\": \"\\ud800\"}",
            "{\"comment\": \"\\udc00x\"}", "{\"name\": 5}", "{\"environments\": \"shadow\"}", "{\"limit\": 1e400}",
            "{\"iterations\": 99999999999999999999}", "{\"interval\": \"9223372036854775807h\"}",
            "{\"rules\": [{\"name\": \"r\", \"severity\": \"WARNING\", \"expr\": \"lock_wait_max_seconds > 1\", \"for\": \"9223372036854775807h\"}]}",
            "{\"checkpoints\": [{\"name\": \"CP\", \"environment\": \"staging\", \"after\": \"VALIDATE\", \"criteria\": [{\"name\": \"c\", "
                    + "\"expr\": \"validate.failedChecks == 0\"}], \"window\": {\"opensAfter\": \"FINGERPRINT\", \"closesAfter\": \"APPLY\", "
                    + "\"assessAfter\": \"9223372036854775807h\", \"hardStopAfter\": \"1h\"}}]}",
            "{\"decision\": \"APPROVE\", \"comment\": \"" + BIG + "\"}", "{\"decision\": [\"APPROVE\"]}", "{\"guarded\": \"yes\"}",
            "{\"unknownField\": true}", "{\"target\": {\"name\": \"t\", \"jdbcUrl\": \"jdbc:postgresql://u:p@h/d?socketFactory=x\"}}");

    private final Random random;

    HostileRequests(long seed) {
        this.random = new Random(seed);
    }

    /** {@code count} requests for an operation whose path template is {@code template}. */
    List<Request> forOperation(String method, String template, int count) {
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String path = template.replace("{id}", random.nextInt(3) == 0 ? pick(BAD_IDS) : java.util.UUID.randomUUID().toString());
            if (random.nextBoolean()) {
                path += "?" + pick(QUERIES);
            }
            if (method.equals("GET") || method.equals("DELETE")) {
                requests.add(new Request(path, null, null));
                continue;
            }
            switch (random.nextInt(10)) {
                case 0 -> requests.add(new Request(path, "application/yaml", pick(List.of("name: [", "a: b\na: c", "- - - -",
                        "name: \"\\0\"", "{{{", ": :"))));
                case 1 -> requests.add(new Request(path, pick(List.of("text/plain", "application/xml", "application/x-www-form-urlencoded")),
                        "<plan/>"));
                case 2 -> requests.add(new Request(path, "application/json", "[".repeat(5000) + "]".repeat(5000)));
                case 3 -> requests.add(new Request(path, "application/json", "{\"name\": \"" + BIG + "\"}"));
                default -> requests.add(new Request(path, "application/json", pick(JSON_BODIES)));
            }
        }
        return requests;
    }

    private String pick(List<String> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
