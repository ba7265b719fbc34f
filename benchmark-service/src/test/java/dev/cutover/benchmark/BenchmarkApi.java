package dev.cutover.benchmark;

import static dev.cutover.testing.TestTokens.asOperator;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.cutover.testing.Await;
import io.restassured.path.json.JsonPath;

/** The benchmark REST calls the service's tests make: a small request, start it, wait for its end. */
final class BenchmarkApi {

    private BenchmarkApi() {
    }

    /** 10 warm-up and 30 measured iterations in 3 rounds on 2 connections: enough to exercise, quick to run. */
    static Map<String, Object> request(String label, String jdbcUrl, String rolloutId, List<String> queries) {
        Map<String, Object> request = new HashMap<>();
        request.put("suite", "spatial");
        request.put("target", Map.of("name", "db1", "jdbcUrl", jdbcUrl));
        request.put("label", label);
        request.put("rolloutId", rolloutId);
        request.put("environment", "staging");
        request.put("queries", queries);
        request.put("warmupIterations", 10);
        request.put("iterations", 30);
        request.put("rounds", 3);
        request.put("concurrency", 2);
        return request;
    }

    static String start(Map<String, Object> request) {
        return asOperator().contentType("application/json").body(request)
                .when().post("/benchmarks")
                .then().statusCode(202).header("Location", containsString("/benchmarks/"))
                .body("status", equalTo("RUNNING"))
                .extract().path("id");
    }

    static JsonPath awaitStatus(String id, String status) {
        JsonPath ended = Await.until(() -> asOperator().when().get("/benchmarks/" + id).then().statusCode(200).extract().jsonPath(),
                b -> !"RUNNING".equals(b.getString("status")), Duration.ofSeconds(120), "benchmark " + id + " ended");
        assertEquals(status, ended.getString("status"), ended.prettify());
        return ended;
    }
}
