package dev.cutover.suite.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** On plans captured from PostgreSQL 15 (src/test/resources/plans). */
class ExplainParserTest {

    private static String plan(String name) throws IOException {
        try (InputStream in = ExplainParserTest.class.getResourceAsStream("/plans/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void partitionedTableShowsPruning() throws IOException {
        // created_at in Nov 2026 .. Jan 2027 on a table with partitions 2025..2029 + DEFAULT
        Map<String, ExplainParser.PartitionOf> catalog = Map.of(
                "catalogo_geometrias_2026", new ExplainParser.PartitionOf("catalogo_geometrias", 6),
                "catalogo_geometrias_2027", new ExplainParser.PartitionOf("catalogo_geometrias", 6));
        ExplainEvidence evidence = ExplainParser.read(plan("partitioned-pruned.json")).evidence(catalog);
        assertEquals(List.of(new ExplainEvidence.Pruning("catalogo_geometrias", 2, 6)), evidence.partitions());
        assertEquals(4.0 / 6, evidence.partitions().get(0).prunedFraction(), 1e-9);
        assertEquals(List.of("catalogo_geometrias_2026", "catalogo_geometrias_2027"), evidence.relations());
        assertTrue(evidence.nodeTypes().contains("Append"), evidence.nodeTypes().toString());
        assertEquals(List.of("catalogo_geometrias_2026_created_at_idx", "catalogo_geometrias_2027_created_at_idx"), evidence.indexes());
        assertEquals(22, evidence.sharedHitBlocks());
        assertEquals(6, evidence.sharedReadBlocks());
        assertEquals(22.0 / 28, evidence.sharedHitRatio(), 1e-9);
        assertTrue(evidence.executionMillis() > 0);
    }

    @Test
    void plainTableHasIndexNodeTypesAndNoPartitions() throws IOException {
        ExplainEvidence evidence = ExplainParser.read(plan("plain-gist.json")).evidence(Map.of());
        assertEquals(List.of(), evidence.partitions());
        assertEquals(List.of("pts_geom_gist"), evidence.indexes());
        assertEquals(List.of("lyr", "pts"), evidence.relations());
        assertEquals(List.of("Bitmap Heap Scan", "Bitmap Index Scan", "Materialize", "Nested Loop", "Seq Scan"), evidence.nodeTypes());
        assertEquals(12.0 / 15, evidence.sharedHitRatio(), 1e-9);
    }

    @Test
    void fingerprintIgnoresCostsAndTimingsButNotTheShape() throws IOException {
        String json = plan("plain-gist.json");
        String fingerprint = ExplainParser.read(json).evidence(Map.of()).fingerprint();
        String otherTimings = json.replaceAll("\"Actual Total Time\": [0-9.]+", "\"Actual Total Time\": 99.5")
                .replaceAll("\"Total Cost\": [0-9.]+", "\"Total Cost\": 12345.0");
        assertEquals(fingerprint, ExplainParser.read(otherTimings).evidence(Map.of()).fingerprint());
        String otherIndex = json.replace("pts_geom_gist", "pts_geom_brin");
        assertNotEquals(fingerprint, ExplainParser.read(otherIndex).evidence(Map.of()).fingerprint());
    }

    @Test
    void notAPlanIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExplainParser.read("[{\"Query\": 1}]"));
        assertTrue(e.getMessage().contains("no 'Plan'"), e.getMessage());
    }
}
