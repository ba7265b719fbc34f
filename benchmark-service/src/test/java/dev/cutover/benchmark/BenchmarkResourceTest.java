package dev.cutover.benchmark;

import static dev.cutover.testing.TestTokens.asOperator;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.cutover.events.BenchmarkCompleted;
import dev.cutover.events.EventJson;
import dev.cutover.events.Topics;
import dev.cutover.testing.CutoverTestResources;
import dev.cutover.testing.ReferenceCatalogue;
import dev.cutover.testing.TestKafka;
import dev.cutover.testing.TestPostgres;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Benchmarks over REST on a real catalogue: run, progress, results, comparison, benchmark-completed, clear errors. */
@QuarkusTest
@WithTestResource(CutoverTestResources.class)
class BenchmarkResourceTest {

    private static final String DB = "bench_" + UUID.randomUUID().toString().substring(0, 8);
    private static final List<String> QUERIES = List.of("Q1", "Q3", "Q5", "Q7");
    private static final String ROLLOUT = UUID.randomUUID().toString();

    @BeforeAll
    static void loadCatalogue() {
        TestPostgres.get().createDatabase(DB);
        ReferenceCatalogue.load(TestPostgres.get().jdbcUrl(DB), TestPostgres.get().user(), "", 20_000, 5);
    }

    @AfterAll
    static void dropTarget() {
        TestPostgres.get().dropDatabase(DB);
    }

    @Test
    void runsASuiteReportsItOnKafkaAndComparesTwoRuns() {
        try (TestKafka.TopicReader completed = TestKafka.get().reader(Topics.BENCHMARK_COMPLETED)) {
            Map<String, Object> withLoadTest = request("baseline", TestPostgres.get().jdbcUrl(DB));
            withLoadTest.put("loadTest", Map.of("clients", 2, "durationSeconds", 2));
            String baseline = BenchmarkApi.start(withLoadTest);
            JsonPath done = BenchmarkApi.awaitStatus(baseline, "SUCCEEDED");
            assertEquals(done.getInt("progress.iterationsTotal"), done.getInt("progress.iterationsDone"));
            Map<String, Object> againstBaseline = request("candidate", TestPostgres.get().jdbcUrl(DB));
            againstBaseline.put("baselineId", baseline);
            String candidate = BenchmarkApi.start(againstBaseline);
            BenchmarkApi.awaitStatus(candidate, "SUCCEEDED");

            JsonPath results = asOperator().when().get("/benchmarks/" + baseline + "/results")
                    .then().statusCode(200).extract().jsonPath();
            assertEquals(QUERIES, results.getList("queries.id"));
            assertEquals(List.of("OK"), results.getList("queries.status").stream().distinct().toList());
            assertEquals(List.of(30, 30, 30, 30), results.getList("queries.latency.count"));
            assertTrue(results.getLong("queries[1].latency.p50Micros") > 0);
            assertFalse(results.getList("queries[1].explain.indexes").isEmpty(), "Q3's plan uses an index");

            BenchmarkCompleted event = EventJson.read(BenchmarkCompleted.class, completed
                    .await(r -> ROLLOUT.equals(r.key()) && r.value().contains(baseline), 1, Duration.ofSeconds(20))
                    .get(0).value());
            assertEquals("staging", event.environment());
            assertEquals("baseline", event.label());
            assertEquals(QUERIES, event.queries().stream().map(BenchmarkCompleted.QuerySummary::queryId).toList());
            assertEquals(results.getLong("queries[0].latency.p50Micros") / 1000.0, event.queries().get(0).p50Ms());
            assertTrue(event.reportUrl().endsWith("/benchmarks/" + baseline + "/report"), event.reportUrl());
            assertEquals(null, event.baselineId());
            assertEquals(2, event.loadTest().clients());
            assertTrue(event.loadTest().operations() > 0 && event.loadTest().meanMs() > 0, event.loadTest().toString());

            JsonPath load = asOperator().when().get("/benchmarks/" + baseline + "/load-test")
                    .then().statusCode(200).extract().jsonPath();
            assertEquals(2, load.getInt("clients"));
            assertTrue(load.getLong("operations") > 0 && load.getDouble("throughputPerSecond") > 0, load.prettify());
            assertEquals(0, load.getLong("errors"));
            assertEquals(QUERIES, List.copyOf(load.getMap("operationsPerQuery").keySet()));
            asOperator().when().get("/benchmarks/" + candidate + "/load-test")
                    .then().statusCode(409).contentType("application/problem+json")
                    .body("detail", containsString("asked for none"));

            JsonPath comparison = asOperator().queryParam("baseline", baseline).queryParam("candidate", candidate)
                    .when().get("/benchmarks/compare").then().statusCode(200).extract().jsonPath();
            assertEquals(QUERIES, comparison.getList("queries.id"));
            List<String> verdicts = comparison.getList("queries.verdict");
            assertTrue(List.of("IMPROVED", "REGRESSED", "NO_CHANGE").containsAll(verdicts), verdicts.toString());
            assertTrue(comparison.getDouble("geometricMeanRatio") > 0);

            // the candidate named the baseline: its event carries the same verdicts and links the comparison
            BenchmarkCompleted compared = EventJson.read(BenchmarkCompleted.class, completed
                    .await(r -> ROLLOUT.equals(r.key()) && r.value().contains(candidate), 1, Duration.ofSeconds(20))
                    .get(0).value());
            assertEquals(UUID.fromString(baseline), compared.baselineId());
            assertEquals(verdicts, compared.queries().stream().map(BenchmarkCompleted.QuerySummary::verdict).toList());
            assertEquals(comparison.getDouble("queries[0].relativeChange"), compared.queries().get(0).relativeChange(), 1e-6);
            assertEquals(comparison.getDouble("geometricMeanRatio"), compared.geometricMeanRatio(), 1e-6);
            assertTrue(compared.reportUrl().endsWith("/benchmarks/compare/report?baseline=" + baseline + "&candidate=" + candidate));
            assertEquals(null, compared.loadTest());
        }
    }

    @Test
    void anUnreachableTargetFailsTheRunWithItsCause() {
        String id = BenchmarkApi.start(request("nowhere", "jdbc:postgresql://127.0.0.1:" + TestPostgres.freePort() + "/gone"));
        JsonPath failed = BenchmarkApi.awaitStatus(id, "FAILED");
        assertTrue(failed.getString("error").contains("cannot connect"), failed.getString("error"));
        asOperator().queryParam("baseline", id).queryParam("candidate", id)
                .when().get("/benchmarks/compare")
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void badRequestsAreNamedFieldByField() {
        Map<String, Object> unknownSuite = request("x", TestPostgres.get().jdbcUrl(DB));
        unknownSuite.put("suite", "no-such-suite");
        asOperator().contentType("application/json").body(unknownSuite).when().post("/benchmarks")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("suite")).body("detail", containsString("spatial"));

        Map<String, Object> unknownQuery = request("x", TestPostgres.get().jdbcUrl(DB));
        unknownQuery.put("queries", List.of("Q1", "Q99"));
        asOperator().contentType("application/json").body(unknownQuery).when().post("/benchmarks")
                .then().statusCode(400).body("errors[0].field", equalTo("queries")).body("detail", containsString("Q99"));

        Map<String, Object> unknownCredentials = request("x", TestPostgres.get().jdbcUrl(DB));
        unknownCredentials.put("target", Map.of("name", "db", "jdbcUrl", TestPostgres.get().jdbcUrl(DB), "credentials", "vault"));
        asOperator().contentType("application/json").body(unknownCredentials).when().post("/benchmarks")
                .then().statusCode(400).body("errors[0].field", equalTo("target.credentials"));

        Map<String, Object> invalid = request("", "postgres://nope");
        invalid.put("concurrency", 0);
        invalid.put("loadTest", Map.of("clients", 0));
        asOperator().contentType("application/json").body(invalid).when().post("/benchmarks")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("label")).body("errors.field", hasItem("target.jdbcUrl"))
                .body("errors.field", hasItem("concurrency")).body("errors.field", hasItem("loadTest.clients"))
                .body("errors.field", hasItem("loadTest.durationSeconds"));

        Map<String, Object> unknownBaseline = request("x", TestPostgres.get().jdbcUrl(DB));
        unknownBaseline.put("baselineId", UUID.randomUUID().toString());
        asOperator().contentType("application/json").body(unknownBaseline).when().post("/benchmarks")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("baselineId"));

        asOperator().queryParam("baseline", "nope").queryParam("candidate", UUID.randomUUID().toString())
                .when().get("/benchmarks/compare").then().statusCode(400).body("errors[0].field", equalTo("baseline"));
        asOperator().when().get("/benchmarks/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
    }

    private static Map<String, Object> request(String label, String jdbcUrl) {
        return BenchmarkApi.request(label, jdbcUrl, ROLLOUT, QUERIES);
    }
}
