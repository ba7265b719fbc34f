package dev.cutover.suite.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Turns a JSON plan of {@code EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)} into {@link ExplainEvidence}. */
public final class ExplainParser {

    /** The partitioned table a relation is a partition of, and how many partitions that table has. */
    public record PartitionOf(String parent, int partitions) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExplainParser() {
    }

    /** A plan read once: what it scanned, before the partitions of its relations are known. */
    public static final class Plan {
        private final JsonNode top;
        private final JsonNode root;
        private final TreeSet<String> nodeTypes = new TreeSet<>();
        private final TreeSet<String> relations = new TreeSet<>();
        private final TreeSet<String> indexes = new TreeSet<>();
        private final TreeSet<String> executedRelations = new TreeSet<>();
        private final StringBuilder shape = new StringBuilder();

        private Plan(JsonNode top, JsonNode root) {
            this.top = top;
            this.root = root;
            walk(root, nodeTypes, relations, indexes, executedRelations, shape);
        }

        /** The relations the plan names, to look their partitioned parents up. */
        public List<String> relations() {
            return List.copyOf(relations);
        }

        /**
         * @param partitionOf the relations of this plan that are partitions (the runner asks pg_inherits;
         *                    tests pass a map); a relation not in it is a plain table
         */
        public ExplainEvidence evidence(Map<String, PartitionOf> partitionOf) {
            Map<String, PartitionOf> parents = new HashMap<>();
            Map<String, Integer> scanned = new HashMap<>();
            for (String relation : relations) {
                PartitionOf p = partitionOf.get(relation);
                if (p != null) {
                    parents.put(p.parent(), p);
                    // a partition under a node that never ran (runtime pruning) was not scanned
                    scanned.merge(p.parent(), executedRelations.contains(relation) ? 1 : 0, Integer::sum);
                }
            }
            List<ExplainEvidence.Pruning> pruning = new ArrayList<>();
            new TreeSet<>(parents.keySet()).forEach(parent ->
                    pruning.add(new ExplainEvidence.Pruning(parent, scanned.get(parent), parents.get(parent).partitions())));
            // the root node's buffer counts include its children's
            return new ExplainEvidence(List.copyOf(nodeTypes), List.copyOf(relations), List.copyOf(indexes), List.copyOf(pruning),
                    root.path("Shared Hit Blocks").asLong(0), root.path("Shared Read Blocks").asLong(0),
                    top.path("Planning Time").asDouble(0), top.path("Execution Time").asDouble(0), sha256(shape.toString()));
        }
    }

    public static Plan read(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not an EXPLAIN (FORMAT JSON) plan: " + e.getMessage(), e);
        }
        JsonNode top = root.isArray() ? root.path(0) : root;
        if (!top.path("Plan").isObject()) {
            throw new IllegalArgumentException("not an EXPLAIN (FORMAT JSON) plan: no 'Plan' object");
        }
        return new Plan(top, top.path("Plan"));
    }

    private static void walk(JsonNode node, TreeSet<String> nodeTypes, TreeSet<String> relations, TreeSet<String> indexes,
                             TreeSet<String> executedRelations, StringBuilder shape) {
        String type = node.path("Node Type").asText();
        nodeTypes.add(type);
        shape.append('(').append(type);
        // only what decides the plan's shape: never costs, rows, timings or buffers
        for (String field : List.of("Relation Name", "Index Name", "Join Type", "Strategy", "Parent Relationship")) {
            if (node.hasNonNull(field)) {
                shape.append('|').append(field).append('=').append(node.get(field).asText());
            }
        }
        if (node.hasNonNull("Relation Name")) {
            String relation = node.get("Relation Name").asText();
            relations.add(relation);
            if (node.path("Actual Loops").asLong(1) > 0) {
                executedRelations.add(relation);
            }
        }
        if (node.hasNonNull("Index Name")) {
            indexes.add(node.get("Index Name").asText());
        }
        for (JsonNode child : node.path("Plans")) {
            walk(child, nodeTypes, relations, indexes, executedRelations, shape);
        }
        shape.append(')');
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
