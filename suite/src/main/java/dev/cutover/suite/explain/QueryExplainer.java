package dev.cutover.suite.explain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import dev.cutover.suite.DataProfile;
import dev.cutover.suite.QueryDefinition;

/** Runs one {@code EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)} of a suite query with drawn parameters. */
public final class QueryExplainer {

    private QueryExplainer() {
    }

    public static ExplainEvidence explain(Connection connection, QueryDefinition query, DataProfile profile,
                                          SplittableRandom random) throws SQLException {
        String json;
        try (PreparedStatement statement = connection.prepareStatement(
                "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + query.sql().jdbcSql())) {
            query.bind(statement, query.draw(profile, random));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                json = rs.getString(1);
            }
        }
        ExplainParser.Plan plan = ExplainParser.read(json);
        return plan.evidence(partitionsOf(connection, plan.relations()));
    }

    /** pg_inherits for the relations of a plan: which are partitions, of what, and how many siblings. */
    private static Map<String, ExplainParser.PartitionOf> partitionsOf(
            Connection connection, List<String> relations) throws SQLException {
        Map<String, ExplainParser.PartitionOf> found = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT c.relname, p.relname, (SELECT count(*) FROM pg_inherits s WHERE s.inhparent = p.oid)"
                        + " FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent"
                        + " WHERE p.relkind = 'p' AND c.relname = ANY (?) AND pg_table_is_visible(c.oid)")) {
            statement.setArray(1, connection.createArrayOf("text", relations.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), new ExplainParser.PartitionOf(rs.getString(2), rs.getInt(3)));
                }
            }
        }
        return found;
    }
}
