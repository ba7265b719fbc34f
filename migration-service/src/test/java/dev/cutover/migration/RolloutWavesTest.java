package dev.cutover.migration;

import static dev.cutover.testing.TestTokens.asOperator;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.cutover.testing.CutoverTestResources;
import dev.cutover.testing.TestPostgres;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** A fleet rolled out in waves (20 % → 60 % → 100 % of five databases, two at a time), on real target databases. */
@QuarkusTest
@WithTestResource(CutoverTestResources.class)
class RolloutWavesTest {

    @RegisterExtension
    static final TargetDatabases TARGETS = new TargetDatabases();
    private static final List<String> DATABASES = TARGETS.created();

    @Test
    void wavesRunInOrderAndTheTargetsOfAWaveSideBySide() {
        List<String> fleet = List.of(Widgets.database(DATABASES), Widgets.database(DATABASES), Widgets.database(DATABASES),
                Widgets.database(DATABASES), Widgets.database(DATABASES));
        String id = RolloutResourceTest.startRollout(fleetPlan(fleet));
        JsonPath rollout = RolloutResourceTest.awaitStatus(id, "SUCCEEDED");

        fleet.forEach(db -> assertTrue(Widgets.indexed(db), db + " migrated"));
        // wave 2 (f2, f3) ran side by side, phase by phase; wave 3 began after wave 2 ended
        assertTrue(span("f2", rollout)[0].isBefore(span("f3", rollout)[1]) && span("f3", rollout)[0].isBefore(span("f2", rollout)[1]),
                "f2 and f3 overlap");
        Instant wave2Done = max(span("f2", rollout)[1], span("f3", rollout)[1]);
        assertFalse(span("f4", rollout)[0].isBefore(wave2Done), "wave 3 after wave 2");
        assertFalse(span("f2", rollout)[0].isBefore(span("f1", rollout)[1]), "wave 2 after wave 1");
    }

    @Test
    void aFailedApplyInAWaveRollsBackThatWaveAndLeavesTheNextOnesUntouched() {
        List<String> fleet = List.of(Widgets.database(DATABASES), Widgets.database(DATABASES), Widgets.database(DATABASES),
                Widgets.database(DATABASES), Widgets.database(DATABASES));
        // f3's first step cannot build its index: the column is not there
        TestPostgres.get().execute(fleet.get(2), "ALTER TABLE widgets DROP COLUMN name");

        String id = RolloutResourceTest.startRollout(fleetPlan(fleet));
        JsonPath rollout = RolloutResourceTest.awaitStatus(id, "FAILED");

        assertTrue(Widgets.indexed(fleet.get(0)), "wave 1 passed and stays applied");
        assertEquals("FAILED", status(rollout, "f3", "APPLY"));
        assertEquals("SUCCEEDED", status(rollout, "f2", "APPLY"));
        assertEquals("SUCCEEDED", status(rollout, "f2", "ROLLBACK"), "f2 applied, but its wave failed: rolled back");
        assertFalse(Widgets.indexed(fleet.get(1)) || Widgets.indexed(fleet.get(2)));
        assertEquals(List.of(), rollout.getList("phases.findAll { it.target == 'f4' || it.target == 'f5' }"), "wave 3 untouched");
        assertFalse(Widgets.indexed(fleet.get(3)) || Widgets.indexed(fleet.get(4)));
    }

    @Test
    void aFailedPreflightStopsItsWaveBeforeAnyTargetOfItChanged() {
        List<String> fleet = new ArrayList<>(List.of(Widgets.database(DATABASES), Widgets.database(DATABASES)));
        String tableless = "tableless_" + UUID.randomUUID().toString().substring(0, 8); // fails PREFLIGHT: no widgets
        TestPostgres.get().createDatabase(tableless);
        DATABASES.add(tableless);
        fleet.add(tableless);
        fleet.add(Widgets.database(DATABASES));
        fleet.add(Widgets.database(DATABASES));

        String id = RolloutResourceTest.startRollout(fleetPlan(fleet));
        JsonPath rollout = RolloutResourceTest.awaitStatus(id, "FAILED");

        assertEquals("FAILED", status(rollout, "f3", "PREFLIGHT"));
        assertEquals(List.of("PREFLIGHT"), rollout.getList("phases.findAll { it.target == 'f2' }.phase"),
                "f2 went no further than the phase f3 failed");
        assertFalse(Widgets.indexed(fleet.get(1)));
        assertTrue(Widgets.indexed(fleet.get(0)), "wave 1 passed and stays applied");
        assertEquals(List.of(), rollout.getList("phases.findAll { it.target == 'f4' || it.target == 'f5' }"), "wave 3 untouched");
    }

    @Test
    void aDryRunSaysWhatWouldHappenAndStartsNothing() {
        List<String> fleet = List.of("a", "b", "c", "d", "e").stream().map(n -> TestPostgres.get().jdbcUrl("fleet_" + n)).toList();
        Map<String, Object> plan = fleetPlan(fleet);
        JsonPath dryRun = asOperator().contentType("application/json").body(plan).when().post("/rollouts/dry-run")
                .then().statusCode(200)
                .body("migrationSet", equalTo("test-widget-index"))
                .body("steps.name", containsInAnyOrder("name-index", "recent-view"))
                .body("environments[0].parallelism", equalTo(2))
                .body("environments[0].phases", equalTo(List.of("PREFLIGHT", "BACKUP", "FINGERPRINT", "APPLY", "VALIDATE")))
                .body("lines", hasItem("   wave 2 (60 %): f2, f3"))
                .extract().jsonPath();
        assertEquals(List.of(List.of("f1"), List.of("f2", "f3"), List.of("f4", "f5")), dryRun.getList("environments[0].waves.targets"));
        asOperator().queryParam("limit", 500).when().get("/rollouts").then().statusCode(200)
                .body("name.findAll { it == '" + plan.get("name") + "' }", equalTo(List.of()));
    }

    @Test
    void badWavesAreNamedWithEveryOtherProblemAtOnce() {
        Map<String, Object> plan = Map.of("name", "bad-waves", "migrationSet", "test-widget-index", "environments", List.of(
                Map.of("name", "production", "waves", List.of(50, 30, 90), "parallelism", 0,
                        "targets", List.of(target("f1", "jdbc:postgresql://127.0.0.1:1/a"), target("f1", "nope"))),
                Map.of("name", "tiny", "waves", List.of(10, 20, 100),
                        "targets", List.of(target("t1", "jdbc:postgresql://127.0.0.1:1/b")))));
        for (String path : List.of("/rollouts", "/rollouts/dry-run")) {
            asOperator().contentType("application/json").body(plan).when().post(path)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItems("environments[0].waves[1]", "environments[0].waves[2]",
                            "environments[0].parallelism", "environments[0].targets[1].name",
                            "environments[0].targets[1].jdbcUrl", "environments[1].waves[1]"));
        }
    }

    private static String status(JsonPath rollout, String target, String phase) {
        return rollout.getString("phases.find { it.target == '" + target + "' && it.phase == '" + phase + "' }.status");
    }

    private static Map<String, Object> fleetPlan(List<String> databases) {
        List<Map<String, Object>> targets = new ArrayList<>();
        for (int i = 0; i < databases.size(); i++) {
            String db = databases.get(i);
            targets.add(target("f" + (i + 1), db.startsWith("jdbc:") ? db : TestPostgres.get().jdbcUrl(db)));
        }
        return Map.of("name", "fleet-" + UUID.randomUUID(), "migrationSet", "test-widget-index", "environments",
                List.of(Map.of("name", "production", "waves", List.of(20, 60, 100), "parallelism", 2, "targets", targets)));
    }

    private static Map<String, Object> target(String name, String jdbcUrl) {
        return Map.of("name", name, "jdbcUrl", jdbcUrl, "credentials", "secret");
    }

    /** When the target's first phase started and its last one finished. */
    private static Instant[] span(String target, JsonPath rollout) {
        List<Map<String, Object>> phases = rollout.getList("phases.findAll { it.target == '" + target + "' }");
        Instant start = phases.stream().map(p -> Instant.parse((String) p.get("startedAt"))).min(Comparator.naturalOrder()).orElseThrow();
        Instant end = phases.stream().map(p -> Instant.parse((String) p.get("finishedAt"))).max(Comparator.naturalOrder()).orElseThrow();
        return new Instant[] { start, end };
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
