package dev.cutover.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads suite files (format: docs/benchmarks.md). Every query is validated on load (ids, SQL,
 * parameters referenced and provided, generators, requirements) and all problems are reported at once.
 */
public final class SuiteLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    // target names are spliced into profiling SQL, so only plain (optionally schema-qualified) identifiers
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    private final Path directory;

    /** A loader for the suites {@code <name>.yaml} in a directory (the project's is sql/suites). */
    public SuiteLoader(Path directory) {
        this.directory = directory;
    }

    /**
     * The project's suites: {@code suites} below the directory named by CUTOVER_SQL_DIR (system property,
     * else environment variable), else the first {@code sql/suites} above the working directory.
     */
    public static Path projectSuites() {
        String sqlDir = System.getProperty("CUTOVER_SQL_DIR", System.getenv("CUTOVER_SQL_DIR"));
        if (sqlDir != null && !sqlDir.isBlank()) {
            return Path.of(sqlDir, "suites");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("sql/suites"))) {
                return dir.resolve("sql/suites");
            }
        }
        throw new IllegalStateException("no sql/suites above " + Path.of("").toAbsolutePath() + " and CUTOVER_SQL_DIR is not set");
    }

    /** The suite called name, or an {@link UnknownQueryException} naming the suites there are. */
    public Suite load(String name) {
        Path file = directory.resolve(name + ".yaml");
        if (!IDENTIFIER.matcher(name).matches() || !Files.isRegularFile(file)) {
            throw new UnknownQueryException("no suite '" + name + "' in " + directory + " (there are: "
                    + String.join(", ", available()) + ")");
        }
        return read(file);
    }

    public List<String> available() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".yaml"))
                    .map(f -> f.substring(0, f.length() - ".yaml".length())).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    public static Suite read(Path file) {
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new SuiteException(file.toString(), List.of("not readable YAML: " + e.getMessage()));
        }
        return parse(file.toString(), root);
    }

    static Suite parse(String source, JsonNode root) {
        List<String> problems = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new SuiteException(source, List.of("the file must be a YAML mapping with 'name', 'target' and 'queries'"));
        }
        String name = required(root, "name", "suite", problems);
        JsonNode t = root.path("target");
        Suite.Target target = new Suite.Target(identifier(t, "table", problems), identifier(t, "geometry", problems),
                identifier(t, "time", problems), identifier(t, "layers", problems));
        List<QueryDefinition> queries = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        if (!root.path("queries").isArray() || root.path("queries").isEmpty()) {
            problems.add("suite: 'queries' must be a non-empty list");
        }
        for (JsonNode q : root.path("queries")) {
            QueryDefinition query = query(q, problems);
            if (query != null && !ids.add(query.id())) {
                problems.add(query.id() + ": duplicate query id");
            }
            queries.add(query);
        }
        if (!problems.isEmpty()) {
            throw new SuiteException(source, problems);
        }
        return new Suite(name, root.path("description").asText(""), target, List.copyOf(queries));
    }

    private static QueryDefinition query(JsonNode q, List<String> problems) {
        String id = q.path("id").asText("");
        String where = id.isEmpty() ? "a query without 'id'" : id;
        int before = problems.size();
        if (id.isEmpty()) {
            problems.add(where + ": 'id' is required");
        }
        String name = required(q, "name", where, problems);
        String sqlText = required(q, "sql", where, problems);
        NamedSql sql = NamedSql.parse(sqlText);
        double weight = q.path("weight").asDouble(1);
        if (weight <= 0) {
            problems.add(where + ": 'weight' must be positive");
        }
        Map<String, ParameterGenerator> parameters = new LinkedHashMap<>();
        Set<String> provided = new LinkedHashSet<>();
        q.path("parameters").fields().forEachRemaining(e -> {
            ParameterGenerator generator = ParameterGenerator.parse(where + " parameter '" + e.getKey() + "'", e.getValue(), problems);
            if (generator != null) {
                parameters.put(e.getKey(), generator);
                provided.addAll(generator.provides(e.getKey()));
            }
        });
        new LinkedHashSet<>(sql.parameterOrder()).stream().filter(p -> !provided.contains(p)).forEach(p ->
                problems.add(where + ": the SQL uses :" + p + ", which no parameter provides (provided: "
                        + (provided.isEmpty() ? "none" : String.join(", ", provided)) + ")"));
        List<Requirement> requires = new ArrayList<>();
        for (JsonNode r : q.path("requires")) {
            if (r.hasNonNull("function")) {
                requires.add(new Requirement(Requirement.Kind.FUNCTION, r.get("function").asText()));
            } else if (r.hasNonNull("relation")) {
                requires.add(new Requirement(Requirement.Kind.RELATION, r.get("relation").asText()));
            } else {
                problems.add(where + ": a requirement is {function: name} or {relation: name}, not " + r);
            }
        }
        return problems.size() > before ? null
                : new QueryDefinition(id, name, q.path("description").asText(""), sql, Collections.unmodifiableMap(parameters), List.copyOf(requires), weight);
    }

    private static String required(JsonNode node, String field, String where, List<String> problems) {
        String value = node.path(field).asText("").strip();
        if (value.isEmpty()) {
            problems.add(where + ": '" + field + "' is required");
        }
        return value;
    }

    private static String identifier(JsonNode target, String field, List<String> problems) {
        String value = target.path(field).asText("");
        if (!IDENTIFIER.matcher(value).matches()) {
            problems.add("target: '" + field + "' must be a table or column name, got '" + value + "'");
        }
        return value;
    }
}
