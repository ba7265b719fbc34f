package dev.cutover.checkpoint;

import static dev.cutover.testing.TestTokens.asOperator;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.cutover.events.BenchmarkCompleted;
import dev.cutover.events.MetricBreach;
import dev.cutover.events.Phase;
import dev.cutover.events.PhaseCompleted;
import dev.cutover.events.PhaseStatus;
import dev.cutover.events.Severity;
import dev.cutover.testing.Await;
import dev.cutover.testing.ChromiumPage;
import dev.cutover.testing.CutoverTestResources;
import dev.cutover.testing.TestKafka;
import dev.cutover.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The dashboard in headless Chromium: the evidence and its chart, a live update, signing in, approving, the decision. */
@QuarkusTest
@WithTestResource(CutoverTestResources.class)
class DashboardTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CARD = "document.querySelector('.checkpoint[data-name=\"CP2\"]')";

    @TestHTTPResource("/")
    URL root;

    @Test
    void aSignedInDbaApprovesOnTheDashboardAndSeesTheDecisionAppear() {
        UUID rollout = UUID.randomUUID();
        String dba = TestTokens.get().person("alice", "dba");
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + dba)
                .body(Map.of("checkpoints", List.of(Map.of("name", "CP2", "description", "staging sign-off", "environment", "staging",
                        "after", "ROLLBACK_DRILL", "targets", List.of("db1"),
                        "criteria", List.of(Map.of("name", "q1_faster", "expr", "benchmark.Q1.improvementPercent >= 10"),
                                Map.of("name", "drill_recovery", "expr", "rollback_drill.recoveryPercent == 100")),
                        "signOffs", Map.of("required", List.of("dba"))))))
                .put("/rollouts/" + rollout + "/checkpoints").then().statusCode(200);
        Instant at = Instant.now();
        TestKafka.get().send(new BenchmarkCompleted(UUID.randomUUID(), rollout, at, BenchmarkCompleted.SCHEMA_VERSION, UUID.randomUUID(),
                "post", "staging", "db1", "spatial", List.of(new BenchmarkCompleted.QuerySummary("Q1", 1.1, 1.9, 2.4, 0, "IMPROVED", -0.25),
                new BenchmarkCompleted.QuerySummary("Q3", 0.9, 1.2, 1.5, 0, "NO_CHANGE", 0.02)), null, UUID.randomUUID(), 0.87, null));
        TestKafka.get().send(PhaseCompleted.of(rollout, "staging", "db1", Phase.ROLLBACK_DRILL, PhaseStatus.SUCCEEDED, at, at.plusSeconds(1),
                Map.of("totalSeconds", 41.5, "recoveryPercent", 100.0), null));
        Await.until(() -> asOperator().get("/rollouts/" + rollout + "/checkpoints").then().extract().jsonPath().getString("[0].status"),
                "OPEN"::equals, WAIT, "CP2 open");

        try (ChromiumPage page = ChromiumPage.open(root + "dashboard/?rollout=" + rollout)) {
            page.waitFor("!!document.getElementById('rollout') && document.getElementById('rollout').innerText.includes('Sign in')",
                    WAIT, "nothing shown before signing in");
            signIn(page, TestTokens.get().person("paula", "pm"), "paula");
            page.waitFor(CARD + " && " + CARD + ".querySelectorAll('svg.benchmark-chart rect').length == 2", WAIT,
                    "CP2 with a bar per compared query");
            assertTrue(page.evaluate(CARD + ".innerText").asText().contains("25"), "Q1's measured improvement is shown");
            assertTrue(page.evaluate("!" + CARD + ".querySelector('button.approve')").asBoolean(), "no approve button for a role CP2 does not ask");

            // an event arriving while the page is open shows up without a reload
            TestKafka.get().send(new MetricBreach(UUID.randomUUID(), rollout, Instant.now(), 1, "staging", "db1", "lock_wait",
                    Severity.WARNING, MetricBreach.State.FIRING, 1.4, 1.0, Instant.now(), false));
            page.waitFor("document.getElementById('timeline').innerText.includes('lock_wait')", WAIT, "the breach on the timeline");

            signIn(page, dba, "alice");
            page.waitFor(CARD + ".querySelector('button.approve')", WAIT, "the approve button for a dba");
            page.evaluate(CARD + ".querySelector('input.comment').value = 'drill recovered everything'; "
                    + CARD + ".querySelector('button.approve').click(); true");
            page.waitFor(CARD + ".querySelector('.decision') && " + CARD + ".querySelector('.decision').innerText == 'GO'", WAIT,
                    "the GO decision on the page");
            assertTrue(page.evaluate(CARD + ".querySelector('.sign-offs').innerText").asText().contains("alice (dba): approved"));
            page.screenshot(java.nio.file.Path.of("target", "dashboard.png"));
        }
        assertEquals("GO", asOperator().get("/rollouts/" + rollout + "/checkpoints").then().extract().jsonPath().getString("[0].decision"));
    }

    private static void signIn(ChromiumPage page, String token, String name) {
        page.evaluate("document.getElementById('token').value = '" + token + "'; document.getElementById('sign-in').click(); true");
        page.waitFor("document.getElementById('who').innerText.includes('" + name + "')", WAIT, "signed in as " + name);
    }
}
