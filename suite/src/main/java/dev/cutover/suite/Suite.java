package dev.cutover.suite;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A benchmark suite loaded from a file ({@link SuiteLoader}): its queries and the target table the
 * parameter generators profile.
 */
public record Suite(String name, String description, Target target, List<QueryDefinition> queries) {

    /** The table whose extent, time range and layer ids parameters are drawn from. */
    public record Target(String table, String geometry, String time, String layers) {
    }

    /** The queries with these ids, in the suite's order; all of them when ids is empty. */
    public List<QueryDefinition> select(Set<String> ids) {
        if (ids.isEmpty()) {
            return queries;
        }
        Set<String> unknown = new LinkedHashSet<>(ids);
        queries.forEach(q -> unknown.remove(q.id()));
        if (!unknown.isEmpty()) {
            throw new UnknownQueryException("suite '" + name + "' has no quer" + (unknown.size() == 1 ? "y " : "ies ")
                    + String.join(", ", unknown) + " (it has " + String.join(", ", queries.stream().map(QueryDefinition::id).toList()) + ")");
        }
        return queries.stream().filter(q -> ids.contains(q.id())).toList();
    }
}
