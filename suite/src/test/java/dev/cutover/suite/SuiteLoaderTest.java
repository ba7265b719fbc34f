package dev.cutover.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteLoaderTest {


    @Test
    void theSpatialSuiteLoadsWithItsTenQueries() {
        Suite suite = new SuiteLoader(SuiteLoader.projectSuites()).load("spatial");
        assertEquals(List.of("Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "Q8", "Q9", "Q10"),
                suite.queries().stream().map(QueryDefinition::id).toList());
        assertEquals("catalogo_geometrias", suite.target().table());
        QueryDefinition q4 = suite.select(Set.of("Q4")).get(0);
        assertEquals(List.of(new Requirement(Requirement.Kind.FUNCTION, "search_geometrias")), q4.requires());
    }

    @Test
    void parametersAreDrawnInsideTheProfileAndDifferPerIteration() {
        Suite suite = new SuiteLoader(SuiteLoader.projectSuites()).load("spatial");
        DataProfile profile = new DataProfile(31983, 313000, 7375000, 353000, 7415000,
                OffsetDateTime.of(2025, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), OffsetDateTime.of(2029, 12, 31, 0, 0, 0, 0, ZoneOffset.UTC),
                List.of(1, 2, 3));
        QueryDefinition q5 = suite.select(Set.of("Q5")).get(0);
        assertEquals(List.of("period_from", "period_to", "area"), q5.sql().parameterOrder());
        SplittableRandom random = new SplittableRandom(1);
        Object[] first = q5.draw(profile, random);
        Object[] second = q5.draw(profile, random);
        assertTrue(!Arrays.equals(first, second));
        OffsetDateTime from = (OffsetDateTime) first[0];
        OffsetDateTime to = (OffsetDateTime) first[1];
        assertTrue(!from.isBefore(profile.minTime()) && !to.isAfter(profile.maxTime()) && to.isAfter(from), from + " .. " + to);
        assertTrue(((String) first[2]).startsWith("SRID=31983;POLYGON(("), (String) first[2]);
        // one seed, one sequence
        assertTrue(Arrays.equals(first, q5.draw(profile, new SplittableRandom(1))));
    }

    @Test
    void unknownSuiteAndQueryIdsAreNamed() {
        SuiteLoader loader = new SuiteLoader(SuiteLoader.projectSuites());
        UnknownQueryException noSuite = assertThrows(UnknownQueryException.class, () -> loader.load("nope"));
        assertTrue(noSuite.getMessage().contains("no suite 'nope'") && noSuite.getMessage().contains("spatial"), noSuite.getMessage());
        Suite suite = loader.load("spatial");
        UnknownQueryException noQuery = assertThrows(UnknownQueryException.class, () -> suite.select(Set.of("Q3", "Q11", "Q42")));
        assertTrue(noQuery.getMessage().contains("Q11") && noQuery.getMessage().contains("Q42")
                && !noQuery.getMessage().contains("queries Q3"), noQuery.getMessage());
    }

    @Test
    void everyProblemIsReportedAtOnce(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("broken.yaml"), """
                name: broken
                target: {table: catalogo_geometrias, geometry: geom, time: created_at, layers: "layers; DROP TABLE x"}
                queries:
                  - id: Q1
                    name: missing parameter
                    sql: SELECT 1 WHERE ST_DWithin(geom, :point::geometry, :radius)
                    parameters:
                      point: {type: point}
                  - id: Q2
                    name: unknown generator
                    sql: SELECT :x
                    parameters:
                      x: {type: gaussian}
                  - id: Q2
                    name: duplicate, bad range and bad requirement
                    sql: SELECT :r, ':not_a_parameter'
                    parameters:
                      r: {type: number, range: [10, 1]}
                    requires: [{extension: foo}]
                  - name: no id nor sql
                """);
        SuiteException e = assertThrows(SuiteException.class, () -> new SuiteLoader(dir).load("broken"));
        List<String> problems = e.problems();
        assertTrue(problems.contains("target: 'layers' must be a table or column name, got 'layers; DROP TABLE x'"), problems.toString());
        assertTrue(problems.contains("Q1: the SQL uses :radius, which no parameter provides (provided: point)"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("Q2 parameter 'x': unknown generator type 'gaussian'")), problems.toString());
        assertTrue(problems.contains("Q2 parameter 'r': 'range' must be [min, max] with 0 <= min <= max"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("Q2: a requirement is {function: name} or {relation: name}")), problems.toString());
        assertTrue(problems.contains("a query without 'id': 'id' is required"), problems.toString());
        assertTrue(problems.contains("a query without 'id': 'sql' is required"), problems.toString());
        assertTrue(e.getMessage().startsWith(dir.resolve("broken.yaml") + ": " + problems.size() + " problems"), e.getMessage());
    }

    @Test
    void castsAndStringsAreNotParameters() {
        NamedSql sql = NamedSql.parse("SELECT :a::geometry, ':b', 'it''s :c', x::int FROM t WHERE y = :a AND z = :d");
        assertEquals(List.of("a", "a", "d"), sql.parameterOrder());
        assertEquals("SELECT ?::geometry, ':b', 'it''s :c', x::int FROM t WHERE y = ? AND z = ?", sql.jdbcSql());
    }
}
