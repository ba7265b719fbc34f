package dev.cutover.migration.operation;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.cutover.migration.migrationset.MigrationSet;
import dev.cutover.migration.migrationset.StepSpec;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code operation: partition_by_range} — turns a plain table into one partitioned by range of a
 * date/time column while the application keeps writing to it.
 *
 * <p>{@code start} builds {@code <table>_cutover_new} (same columns, partitions per interval plus an
 * optional DEFAULT), installs a trigger on the live table that logs every changed key into
 * {@code <table>_cutover_log}, copies the rows in key-ordered batches (one transaction each, so a
 * crash loses at most the batch in flight), builds the primary key, indexes and foreign keys on the
 * copy, replays the logged keys until the backlog is small, and then, in one short transaction
 * under {@code ACCESS EXCLUSIVE}, replays the rest, swaps the names and installs a trigger that
 * mirrors every write on the new live table into {@code <table>_cutover_old}. Until
 * {@code complete}, a rollback swaps back without losing a write made after the cutover.
 *
 * <p>Where the step stands is read from the target's catalog every time, so {@code start} and
 * {@code rollback} carry on from whatever a crash left. Every lock that blocks the application's
 * writers goes through {@link OperationContext#underExclusiveLock}, so it waits at most
 * {@code lockTimeout}, is held within the step's lock budget and is measured in the ledger.
 */
@ApplicationScoped
public class PartitionByRangeOperation implements MigrationOperation {

    /** PostgreSQL truncates longer identifiers (NAMEDATALEN - 1), which would break the renames. */
    private static final int MAX_IDENTIFIER_BYTES = 63;
    private static final List<String> INDEX_METHODS = List.of("btree", "gist", "brin", "hash", "gin", "spgist");
    private static final Pattern INDEX_NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern INTERVAL = Pattern.compile("\\s*(\\d+)\\s+(year|years|month|months)\\s*");
    private static final Set<String> PARTITION_COLUMN_TYPES = Set.of("date", "timestamp without time zone",
            "timestamp with time zone");
    private static final Set<String> KEY_TYPES = Set.of("smallint", "integer", "bigint");
    private static final int MAX_PARTITIONS = 500;

    @Override
    public String kind() {
        return "partition_by_range";
    }

    @Override
    public List<String> check(StepSpec step, MigrationSet set) {
        List<String> problems = new ArrayList<>();
        if (step.runsInTransaction()) {
            problems.add("transactional: must be false (the operation commits batch by batch and takes its own short locks)");
        }
        if (!"operation".equals(step.undo())) {
            problems.add("undo: must be 'operation' (partition_by_range rolls itself back)");
        }
        if (step.file() != null) {
            problems.add("file: a partition_by_range step takes no SQL file");
        }
        try {
            problems.addAll(OperationContext.params(step, Params.class).problems());
        } catch (IllegalArgumentException e) {
            problems.add("params: " + e.getMessage().lines().findFirst().orElse(e.toString()));
        }
        return problems;
    }

    @Override
    public List<String> validate(OperationContext context) throws SQLException {
        List<String> problems = context.params(Params.class).problems();
        if (!problems.isEmpty()) {
            return problems;
        }
        return onTarget(context, Job::validate);
    }

    @Override
    public void start(OperationContext context) throws SQLException {
        onTarget(context, job -> {
            job.start();
            return null;
        });
    }

    @Override
    public List<Check> verify(OperationContext context) throws SQLException {
        return onTarget(context, Job::verify);
    }

    @Override
    public void complete(OperationContext context) throws SQLException {
        onTarget(context, job -> {
            job.complete();
            return null;
        });
    }

    @Override
    public void rollback(OperationContext context) throws SQLException {
        onTarget(context, job -> {
            job.rollback();
            return null;
        });
    }

    @FunctionalInterface
    private interface JobCall<T> {
        T run(Job job) throws SQLException;
    }

    /** Runs one call of the operation over a connection of its own, closed whatever happens. */
    private static <T> T onTarget(OperationContext context, JobCall<T> call) throws SQLException {
        try (Connection connection = context.open()) {
            return call.run(new Job(context, connection));
        }
    }

    /**
     * The step's parameters.
     *
     * @param schema where the table lives (default {@code public})
     * @param column the NOT NULL date/timestamp/timestamptz column to partition by
     * @param from first day of the first partition (inclusive; a month's first day, January 1st for yearly)
     * @param to end of the last partition (exclusive)
     * @param interval {@code N year(s)} or {@code N month(s)}; default {@code 1 year}
     * @param defaultPartition whether rows outside [from, to) go to a DEFAULT partition (default true)
     * @param indexes the indexes the partitioned table gets besides its primary key
     */
    public record Params(String schema, String table, String column, LocalDate from, LocalDate to, String interval,
            Boolean defaultPartition, List<IndexSpec> indexes) {

        String schemaName() {
            return schema == null ? "public" : schema;
        }

        boolean hasDefault() {
            return defaultPartition == null || defaultPartition;
        }

        List<IndexSpec> indexList() {
            return indexes == null ? List.of() : indexes;
        }

        /** The interval as a period of months, or null when it is not one this operation supports. */
        Period period() {
            Matcher m = INTERVAL.matcher(interval == null ? "1 year" : interval);
            if (!m.matches() || Integer.parseInt(m.group(1)) == 0) {
                return null;
            }
            int n = Integer.parseInt(m.group(1));
            return m.group(2).startsWith("year") ? Period.ofYears(n) : Period.ofMonths(n);
        }

        List<String> problems() {
            List<String> problems = new ArrayList<>();
            if (blank(table)) {
                problems.add("params.table: required");
            }
            if (blank(column)) {
                problems.add("params.column: required (the date/time column to partition by)");
            }
            Period period = period();
            if (period == null) {
                problems.add("params.interval: '" + interval + "' is not 'N year(s)' or 'N month(s)'");
            }
            if (from == null || to == null) {
                problems.add("params.from and params.to: required (first day of the first partition, end of the last, exclusive)");
            } else if (!from.isBefore(to)) {
                problems.add("params.from: " + from + " must be before params.to " + to);
            } else if (period != null) {
                problems.addAll(rangeProblems(period));
            }
            Set<String> names = new HashSet<>();
            for (int i = 0; i < indexList().size(); i++) {
                IndexSpec index = indexList().get(i);
                String at = "params.indexes[" + i + "]";
                if (index.name() == null || !INDEX_NAME.matcher(index.name()).matches() || "pkey".equals(index.name())) {
                    problems.add(at + ".name: '" + index.name() + "' must be lower-case letters, digits and '_' (not 'pkey');"
                            + " it becomes the suffix of the index names");
                } else if (!names.add(index.name())) {
                    problems.add(at + ".name: duplicate '" + index.name() + "'");
                }
                if (index.using() == null || !INDEX_METHODS.contains(index.using())) {
                    problems.add(at + ".using: '" + index.using() + "' is not one of " + INDEX_METHODS);
                }
                if (index.columns() == null || index.columns().isEmpty() || index.columns().stream().anyMatch(Params::blank)) {
                    problems.add(at + ".columns: at least one column name");
                }
            }
            if (problems.isEmpty()) {
                Names n = new Names(schemaName(), table);
                Stream.concat(n.created(this).stream(), Stream.of(n.capture(), n.sync()))
                        .filter(name -> bytes(name) > MAX_IDENTIFIER_BYTES)
                        .forEach(name -> problems.add("params.table: '" + name + "' would be longer than "
                                + MAX_IDENTIFIER_BYTES + " bytes; PostgreSQL would truncate it"));
            }
            return problems;
        }

        private List<String> rangeProblems(Period period) {
            boolean yearly = period.toTotalMonths() % 12 == 0;
            for (LocalDate bound : List.of(from, to)) {
                if (bound.getDayOfMonth() != 1 || yearly && bound.getMonthValue() != 1) {
                    return List.of("params: " + bound + " must be the first day of a " + (yearly ? "year" : "month")
                            + " for a '" + interval + "' interval");
                }
            }
            long months = Period.between(from, to).toTotalMonths();
            if (months % period.toTotalMonths() != 0) {
                return List.of("params: " + from + " .. " + to + " is not a whole number of '" + interval + "' partitions");
            }
            if (months / period.toTotalMonths() > MAX_PARTITIONS) {
                return List.of("params: " + months / period.toTotalMonths() + " partitions, more than " + MAX_PARTITIONS);
            }
            return List.of();
        }

        /**
         * The range partitions in order, then the DEFAULT one if asked for. Named by their first
         * year (or year and month), as OPT4's ensure_future_partitions() names those it adds.
         */
        List<Partition> partitions(Names names) {
            Period period = period();
            boolean yearly = period.toTotalMonths() % 12 == 0;
            List<Partition> partitions = new ArrayList<>();
            for (LocalDate start = from; start.isBefore(to); start = start.plus(period)) {
                String suffix = yearly ? String.format("%d", start.getYear())
                        : String.format("%d_%02d", start.getYear(), start.getMonthValue());
                partitions.add(new Partition(names.table() + "_" + suffix, start, start.plus(period)));
            }
            if (hasDefault()) {
                partitions.add(new Partition(names.table() + "_default", null, null));
            }
            return partitions;
        }

        private static boolean blank(String s) {
            return s == null || s.isBlank();
        }
    }

    /** An index of the partitioned table; {@code name} is the suffix of the parent's and each partition's index. */
    public record IndexSpec(String name, String using, List<String> columns) {
    }

    /** One partition; {@code from} and {@code to} are null for DEFAULT. */
    record Partition(String name, LocalDate from, LocalDate to) {

        /**
         * Bounds as UTC midnights: a timestamptz bound then means the same instant whatever the
         * session's TimeZone, and date/timestamp columns read the same literal as that day.
         */
        String bounds() {
            return from == null ? "DEFAULT"
                    : "FOR VALUES FROM ('" + from + " 00:00:00+00') TO ('" + to + " 00:00:00+00')";
        }
    }

    /** The names the operation gives the objects it creates next to {@code table}. */
    record Names(String schema, String table) {

        String fresh() {
            return table + "_cutover_new";
        }

        String kept() {
            return table + "_cutover_old";
        }

        String log() {
            return table + "_cutover_log";
        }

        /** Function and trigger that log changed keys on the live table during the copy. */
        String capture() {
            return table + "_cutover_capture";
        }

        /** Function and trigger that mirror writes on the new live table into the old one after the swap. */
        String sync() {
            return table + "_cutover_sync";
        }

        String q(String name) {
            return ident(schema) + "." + ident(name);
        }

        String function(String name) {
            return q(name) + "()";
        }

        /** Every relation {@code start} creates, by the name it has before the swap. */
        List<String> created(Params params) {
            List<String> names = new ArrayList<>(List.of(fresh(), log(), fresh() + "_pkey"));
            params.indexList().forEach(index -> names.add(fresh() + "_" + index.name()));
            for (Partition partition : params.partitions(this)) {
                names.add(partition.name());
                names.add(partition.name() + "_pkey");
                params.indexList().forEach(index -> names.add(partition.name() + "_" + index.name()));
            }
            return names;
        }
    }

    /** Where the target stands, read from its catalog: the truth after any crash. */
    enum Stage {
        /** No table by that name. */
        ABSENT,
        /** A plain table and nothing of this operation. */
        PLAIN,
        /** A plain live table and some of the operation's objects: start resumes, rollback removes them. */
        BUILDING,
        /** The partitioned table is live; the old one is kept in sync for a rollback. */
        SWAPPED,
        /** Partitioned, nothing kept: completed, or never ours. */
        PARTITIONED
    }

    /** An index (or the primary key) built on each partition, then attached to the parent's. */
    private record IndexPlan(String suffix, String definition, boolean primaryKey) {

        String ddl(String table, String index, boolean onlyParent) {
            String target = (onlyParent ? "ONLY " : "") + table;
            return primaryKey ? "ALTER TABLE " + target + " ADD CONSTRAINT " + index + " PRIMARY KEY " + definition
                    : "CREATE INDEX " + index + " ON " + target + " " + definition;
        }
    }

    /** A foreign key of the old table: name, definition and the table it references. */
    private record ForeignKey(String table, String name, String definition, String referenced) {
    }

    /** One call of the operation on one target, over one connection. */
    private static final class Job {

        private final OperationContext context;
        private final Params params;
        private final Names names;
        private final Connection connection;
        private final String live;
        private final String fresh;
        private final String kept;
        private final String log;
        private String key;
        private String columns;
        /** Catch-up totals, over the passes before the swap and those between its lock attempts. */
        private int catchUpRounds;
        private long catchUpReplayed;

        Job(OperationContext context, Connection connection) {
            this.context = context;
            this.params = context.params(Params.class);
            this.names = new Names(params.schemaName(), params.table());
            this.connection = connection;
            this.live = names.q(names.table());
            this.fresh = names.q(names.fresh());
            this.kept = names.q(names.kept());
            this.log = names.q(names.log());
        }

        /** How messages name the step and its table. */
        private String step() {
            return "step " + context.step().name() + " (partition_by_range of " + live + ")";
        }

        // ---------------------------------------------------------------- where the target stands

        Stage stage() throws SQLException {
            String liveKind = queryString("SELECT relkind::text FROM pg_class WHERE oid = to_regclass(?)", live);
            boolean keptExists = exists(kept);
            if ("p".equals(liveKind)) {
                return keptExists ? Stage.SWAPPED : Stage.PARTITIONED;
            }
            if (liveKind == null) {
                return Stage.ABSENT;
            }
            boolean ours = exists(fresh) || exists(log) || keptExists || triggerState(live, names.capture()) != null
                    || functionExists(names.capture()) || functionExists(names.sync());
            return ours ? Stage.BUILDING : Stage.PLAIN;
        }

        // ---------------------------------------------------------------- validate

        List<String> validate() throws SQLException {
            Stage stage = stage();
            switch (stage) {
                case ABSENT:
                    return List.of("table " + live + " does not exist");
                case PARTITIONED:
                    return List.of(live + " is already a partitioned table: nothing to partition");
                case SWAPPED:
                    return List.of(); // start only tidies up after a swap that already happened
                default:
                    break;
            }
            String relkind = queryString("SELECT relkind::text FROM pg_class WHERE oid = to_regclass(?)", live);
            if (!"r".equals(relkind)) {
                return List.of(live + " is not a plain table (relkind " + relkind + ")");
            }
            List<String> problems = new ArrayList<>();
            problems.addAll(shapeProblems());
            problems.addAll(dependencyProblems());
            problems.addAll(privilegeProblems());
            problems.addAll(nameProblems());
            if (problems.isEmpty() && !params.hasDefault()) {
                // Untyped literals, as in the partition bounds: each takes the column's own type.
                long outside = queryLong("SELECT count(*) FROM " + live + " WHERE " + ident(params.column()) + " < '"
                        + params.from() + " 00:00:00+00' OR " + ident(params.column()) + " >= '" + params.to() + " 00:00:00+00'");
                if (outside > 0) {
                    problems.add(live + " has " + outside + " rows outside " + params.from() + " .. " + params.to()
                            + " and params.defaultPartition is false: they would have no partition");
                }
            }
            if (stage == Stage.BUILDING) {
                problems.addAll(resumeProblems());
            }
            return problems;
        }

        /** Key, partition column, identity and generated columns, index columns. */
        private List<String> shapeProblems() throws SQLException {
            List<String> problems = new ArrayList<>();
            List<String> key = queryStrings("SELECT a.attname || ' ' || format_type(a.atttypid, a.atttypmod)"
                    + " FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)"
                    + " WHERE i.indrelid = ?::regclass AND i.indisprimary", live);
            if (key.isEmpty()) {
                problems.add(live + " has no primary key: the copy is keyed by it");
            } else if (key.size() > 1 || !KEY_TYPES.contains(key.get(0).substring(key.get(0).indexOf(' ') + 1))) {
                problems.add(live + " primary key (" + String.join(", ", key)
                        + ") must be one smallint/integer/bigint column: the copy walks it in ranges");
            }
            for (String identity : queryStrings("SELECT attname FROM pg_attribute WHERE attrelid = ?::regclass"
                    + " AND attnum > 0 AND NOT attisdropped AND attidentity <> ''", live)) {
                problems.add(live + "." + identity + " is an identity column: the partitioned copy cannot share it, so ids"
                        + " would restart or collide. Give it a sequence it owns first (DROP IDENTITY, CREATE SEQUENCE"
                        + " … OWNED BY, SET DEFAULT nextval(…), as bigserial does); that sequence moves with the swap");
            }
            for (String generated : queryStrings("SELECT attname FROM pg_attribute WHERE attrelid = ?::regclass"
                    + " AND attnum > 0 AND NOT attisdropped AND attgenerated <> ''", live)) {
                problems.add(live + "." + generated + " is a generated column: not supported by partition_by_range");
            }
            String column = queryString("SELECT format_type(atttypid, atttypmod) || CASE WHEN attnotnull THEN '' ELSE ' NULL' END"
                    + " FROM pg_attribute WHERE attrelid = ?::regclass AND attname = ? AND attnum > 0 AND NOT attisdropped",
                    live, params.column());
            if (column == null) {
                problems.add(live + " has no column '" + params.column() + "' (params.column)");
            } else if (column.endsWith(" NULL")) {
                problems.add(live + "." + params.column() + " allows NULL: a partition key column must be NOT NULL"
                        + " (SET NOT NULL after checking there are none)");
            } else if (!PARTITION_COLUMN_TYPES.contains(column)) {
                problems.add(live + "." + params.column() + " is " + column + ": partition_by_range needs a date,"
                        + " timestamp or timestamptz column");
            }
            Set<String> columns = new HashSet<>(queryStrings("SELECT attname FROM pg_attribute WHERE attrelid = ?::regclass"
                    + " AND attnum > 0 AND NOT attisdropped", live));
            for (IndexSpec index : params.indexList()) {
                index.columns().stream().filter(c -> !columns.contains(c)).forEach(c -> problems.add(
                        "params.indexes " + index.name() + ": " + live + " has no column '" + c + "'"));
            }
            return problems;
        }

        /** What would not follow the table to its partitioned copy, or would keep pointing at the old one. */
        private List<String> dependencyProblems() throws SQLException {
            List<String> problems = new ArrayList<>();
            queryStrings("SELECT conname || ' on ' || conrelid::regclass FROM pg_constraint WHERE confrelid = ?::regclass"
                    + " AND contype = 'f'", live).forEach(fk -> problems.add("foreign key " + fk + " references " + live
                            + ": a partitioned table can only be referenced through a key that includes "
                            + params.column() + "; drop or change it first"));
            queryStrings("SELECT tgname FROM pg_trigger WHERE tgrelid = ?::regclass AND NOT tgisinternal AND tgname <> ?",
                    live, names.capture()).forEach(t -> problems.add("trigger " + t + " on " + live
                            + " would not follow the table to its partitioned copy"));
            queryStrings("SELECT DISTINCT r.ev_class::regclass::text FROM pg_rewrite r JOIN pg_depend d ON d.objid = r.oid"
                    + " AND d.classid = 'pg_rewrite'::regclass WHERE d.refobjid = ?::regclass AND r.ev_class <> d.refobjid",
                    live).forEach(v -> problems.add("view " + v + " reads " + live
                            + ": it would keep reading the old table after the swap; drop and recreate it around the step"));
            queryStrings("SELECT rulename FROM pg_rules WHERE schemaname = ? AND tablename = ?", names.schema(),
                    names.table()).forEach(r -> problems.add("rule " + r + " on " + live + " would not follow the table"));
            if (queryLong("SELECT count(*) FROM pg_class WHERE oid = ?::regclass AND relrowsecurity", live) > 0) {
                problems.add(live + " has row-level security enabled: its policies would not follow the table");
            }
            queryStrings("SELECT pubname FROM pg_publication_tables WHERE schemaname = ? AND tablename = ?",
                    names.schema(), names.table()).forEach(p -> problems.add(live + " is in publication " + p
                            + ": the partitioned table would not be"));
            return problems;
        }

        private List<String> privilegeProblems() throws SQLException {
            List<String> problems = new ArrayList<>();
            if (queryLong("SELECT count(*) FROM pg_class WHERE oid = ?::regclass"
                    + " AND NOT pg_has_role(current_user, relowner, 'USAGE')", live) > 0) {
                problems.add(queryString("SELECT current_user") + " does not own " + live
                        + " (or belong to its owner): renaming and triggers need ownership");
            }
            if (queryLong("SELECT count(*) WHERE NOT has_schema_privilege(?, 'CREATE')", names.schema()) > 0) {
                problems.add(queryString("SELECT current_user") + " may not CREATE in schema " + ident(names.schema()));
            }
            queryStrings("SELECT confrelid::regclass::text FROM pg_constraint WHERE conrelid = ?::regclass AND contype = 'f'"
                    + " AND NOT has_table_privilege(confrelid, 'REFERENCES')", live)
                    .forEach(t -> problems.add("no REFERENCES privilege on " + t + " to recreate the foreign key to it"));
            return problems;
        }

        /** Names the operation will take must be free (or its own, from a run it resumes) and fit. */
        private List<String> nameProblems() throws SQLException {
            List<String> problems = new ArrayList<>();
            Set<String> ours = new HashSet<>(freshTree());
            ours.add(names.log());
            for (String name : names.created(params)) {
                if (!ours.contains(name) && relationExists(name)) {
                    problems.add("relation " + names.q(name) + " already exists and is not part of this step's partitioned copy");
                }
            }
            List<String> liveNames = ownRelations(live).stream().map(r -> r.substring(r.indexOf(' ') + 1)).toList();
            for (String name : liveNames) {
                if (name.startsWith(names.table())) {
                    String renamed = names.kept() + name.substring(names.table().length());
                    if (bytes(renamed) > MAX_IDENTIFIER_BYTES) {
                        problems.add(names.q(name) + " would be renamed " + renamed + " at the swap, longer than "
                                + MAX_IDENTIFIER_BYTES + " bytes");
                    } else if (relationExists(renamed)) {
                        problems.add("relation " + names.q(renamed) + " already exists; the swap renames " + name + " to it");
                    }
                }
            }
            // The copy's own indexes take these names at the swap, once the live table's have moved aside.
            for (String suffix : Stream.concat(Stream.of("pkey"), params.indexList().stream().map(IndexSpec::name)).toList()) {
                String name = names.table() + "_" + suffix;
                if (!liveNames.contains(name) && relationExists(name)) {
                    problems.add("relation " + names.q(name) + " already exists; the partitioned table's index takes that"
                            + " name at the swap");
                }
            }
            return problems;
        }

        /**
         * Leftovers of an earlier run that {@code start} cannot carry on from: a copy partitioned
         * differently, or one that has rows but whose changes were not captured all along.
         */
        private List<String> resumeProblems() throws SQLException {
            List<String> problems = new ArrayList<>();
            String rollBack = "; roll the step back first";
            if (exists(fresh)) {
                String key = queryString("SELECT string_agg(a.attname, ', ') FROM pg_partitioned_table p JOIN pg_attribute a"
                        + " ON a.attrelid = p.partrelid AND a.attnum = ANY (p.partattrs) WHERE p.partrelid = ?::regclass"
                        + " AND p.partstrat = 'r'", fresh);
                List<String> expected = params.partitions(names).stream().map(Partition::name).sorted().toList();
                List<String> found = queryStrings("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                        + " WHERE i.inhparent = ?::regclass ORDER BY 1", fresh);
                if (!params.column().equals(key) || !expected.equals(found)) {
                    problems.add(fresh + " was left by a run with other parameters (partitioned by " + key + " into " + found
                            + ")" + rollBack);
                } else if (!"O".equals(triggerState(live, names.capture()))
                        && queryLong("SELECT count(*) FROM (SELECT 1 FROM " + fresh + " LIMIT 1) s") > 0) {
                    problems.add(fresh + " holds copied rows but changes to " + live
                            + " are not being captured, so the copy may have missed writes" + rollBack);
                }
            }
            if (exists(log) && !"O".equals(triggerState(live, names.capture())) && !exists(fresh)) {
                problems.add(log + " exists without the partitioned copy it fed" + rollBack);
            }
            if (exists(kept)) {
                problems.add(kept + " exists while " + live + " is still the plain table" + rollBack
                        + " or drop it if it is not this step's");
            }
            return problems;
        }

        // ---------------------------------------------------------------- start

        void start() throws SQLException {
            Stage stage = stage();
            if (stage == Stage.PLAIN || stage == Stage.BUILDING) {
                List<String> problems = validate();
                if (!problems.isEmpty()) {
                    throw new IllegalStateException(step() + " cannot start: " + String.join("; ", problems));
                }
                if (!exists(fresh)) {
                    createPartitionedCopy();
                }
                if (!"O".equals(triggerState(live, names.capture()))) {
                    installCapture();
                }
                copy();
                vacuum();
                buildIndexes();
                addForeignKeys();
                context.saveState(Map.of("phase", "catch-up"));
                catchUp();
                swap();
            } else if (stage != Stage.SWAPPED) {
                throw new IllegalStateException(step() + " cannot start: " + live + " is " + stage.name().toLowerCase());
            }
            execute("DROP TABLE IF EXISTS " + log);
            execute("DROP FUNCTION IF EXISTS " + names.function(names.capture()));
            context.saveState(Map.of("phase", "swapped"));
            context.evidence("partitions", rowsPerPartition());
        }

        /** The empty partitioned copy, its partitions, owner and grants: all or nothing. */
        private void createPartitionedCopy() throws SQLException {
            inTransaction(c -> {
                setLocalLockTimeout(); // LIKE reads the live table's definition under a lock
                execute("CREATE TABLE " + fresh + " (LIKE " + live + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS"
                        + " INCLUDING STORAGE INCLUDING COMMENTS) PARTITION BY RANGE (" + ident(params.column()) + ")");
                for (Partition partition : params.partitions(names)) {
                    execute("CREATE TABLE " + names.q(partition.name()) + " PARTITION OF " + fresh + " " + partition.bounds());
                }
                String owner = queryString("SELECT relowner::regrole::text FROM pg_class WHERE oid = ?::regclass", live);
                execute("ALTER TABLE " + fresh + " OWNER TO " + owner);
                for (Partition partition : params.partitions(names)) {
                    execute("ALTER TABLE " + names.q(partition.name()) + " OWNER TO " + owner);
                }
                // The application's roles must keep the privileges they had on the table.
                for (String grant : queryStrings("SELECT format('GRANT %s ON %s TO %s%s', a.privilege_type, ?::text,"
                        + " CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END,"
                        + " CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END)"
                        + " FROM pg_class c, aclexplode(c.relacl) a WHERE c.oid = ?::regclass AND a.grantee <> c.relowner",
                        fresh, live)) {
                    execute(grant);
                }
                String comment = queryString("SELECT obj_description(?::regclass, 'pg_class')", live);
                if (comment != null) {
                    execute("COMMENT ON TABLE " + fresh + " IS " + literal(comment));
                }
                return null;
            });
            context.saveState(Map.of("phase", "created", "freshOid", oid(fresh)));
        }

        /** The log table and the trigger that fills it: a change committed after this is captured. */
        private void installCapture() throws SQLException {
            String key = key();
            inTransaction(c -> {
                execute("CREATE TABLE IF NOT EXISTS " + log + " (seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                        + " key bigint NOT NULL)");
                execute("CREATE OR REPLACE FUNCTION " + names.function(names.capture()) + " RETURNS trigger LANGUAGE plpgsql AS $f$"
                        + " BEGIN"
                        + " IF TG_OP <> 'INSERT' THEN INSERT INTO " + log + " (key) VALUES (OLD." + key + "); END IF;"
                        + " IF TG_OP = 'INSERT' OR TG_OP = 'UPDATE' AND NEW." + key + " IS DISTINCT FROM OLD." + key
                        + " THEN INSERT INTO " + log + " (key) VALUES (NEW." + key + "); END IF;"
                        + " RETURN NULL; END $f$");
                return null;
            });
            // CREATE TRIGGER waits for the writers in flight and blocks new ones: a short, measured hold.
            context.underExclusiveLock(connection, "capture trigger", List.of(live), c -> {
                executeAll(List.of("DROP TRIGGER IF EXISTS " + ident(names.capture()) + " ON " + live,
                        "CREATE TRIGGER " + ident(names.capture()) + " AFTER INSERT OR UPDATE OR DELETE ON " + live
                                + " FOR EACH ROW EXECUTE FUNCTION " + names.function(names.capture())));
                return null;
            });
        }

        /**
         * Copies the rows as they stand, batch by batch in key order, each batch its own transaction.
         * Resumes after the highest key already in the copy: every batch before it committed, and
         * any row changed since was captured and is replayed by the catch-up.
         */
        private void copy() throws SQLException {
            String key = key();
            String columns = columns();
            Long bound = queryNullableLong("SELECT max(" + key + ") FROM " + live);
            Long present = queryNullableLong("SELECT max(" + key + ") FROM " + fresh);
            long last = present == null ? Long.MIN_VALUE : present;
            String freshOid = oid(fresh);
            Object savedThrough = context.savedState().get("copiedThrough");
            if (savedThrough instanceof Number saved && freshOid.equals(context.savedState().get("freshOid"))) {
                last = Math.max(last, saved.longValue()); // a committed batch whose top rows were deleted since
            }
            if (present != null) {
                context.evidence("resumedAfterKey", last);
            }
            long total = queryLong("SELECT count(*) FROM " + live);
            long done = present == null ? 0 : queryLong("SELECT count(*) FROM " + fresh);
            long copied = 0;
            int batch = context.settings().batchSize();
            String upperSql = "SELECT " + key + " FROM " + live + " WHERE " + key + " > ? AND " + key + " <= ? ORDER BY "
                    + key + " OFFSET ? LIMIT 1";
            String insertSql = "INSERT INTO " + fresh + " (" + columns + ") SELECT " + columns + " FROM " + live + " WHERE "
                    + key + " > ? AND " + key + " <= ?";
            long began = System.nanoTime();
            while (bound != null && last < bound) {
                context.throwIfCancelled();
                Long upper = queryNullableLong(upperSql, last, bound, batch - 1);
                long through = upper == null ? bound : upper;
                try (PreparedStatement insert = connection.prepareStatement(insertSql)) {
                    insert.setLong(1, last);
                    insert.setLong(2, through);
                    copied += insert.executeUpdate();
                }
                last = through;
                context.saveState(Map.of("phase", "copy", "freshOid", freshOid, "copiedThrough", last, "copyBound", bound));
                context.progress(done + copied, Math.max(total, done + copied));
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            context.evidence("rowsCopied", copied);
            context.evidence("copySeconds", round(seconds));
            context.evidence("copyRowsPerSecond", seconds > 0 ? Math.round(copied / seconds) : 0);
        }

        /**
         * VACUUM (ANALYZE) of the freshly filled partitions, before they have indexes to scan.
         * Otherwise autovacuum, woken by the inserts, vacuums them around the swap, and its lock
         * makes every short attempt at the swap (or at a later swap back) time out. It also sets
         * the visibility map, so index-only scans work from the first minute of the cutover.
         */
        private void vacuum() throws SQLException {
            long began = System.nanoTime();
            execute("VACUUM (ANALYZE) " + fresh);
            context.evidence("vacuumSeconds", round((System.nanoTime() - began) / 1e9));
        }

        /** Primary key (key, partition column) and the declared indexes, partition by partition. */
        private void buildIndexes() throws SQLException {
            context.saveState(Map.of("phase", "indexes"));
            List<IndexPlan> plans = new ArrayList<>();
            plans.add(new IndexPlan("pkey", "(" + key() + ", " + ident(params.column()) + ")", true));
            for (IndexSpec index : params.indexList()) {
                plans.add(new IndexPlan(index.name(), "USING " + index.using() + " ("
                        + index.columns().stream().map(PartitionByRangeOperation::ident).collect(Collectors.joining(", ")) + ")",
                        false));
            }
            long began = System.nanoTime();
            for (IndexPlan plan : plans) {
                String parentIndex = names.fresh() + "_" + plan.suffix();
                if (!relationExists(parentIndex)) {
                    execute(plan.ddl(fresh, ident(parentIndex), true));
                }
                for (Partition partition : params.partitions(names)) {
                    context.throwIfCancelled();
                    String index = partition.name() + "_" + plan.suffix();
                    if (!relationExists(index)) {
                        execute(plan.ddl(names.q(partition.name()), ident(index), false));
                    }
                    execute("ALTER INDEX " + names.q(parentIndex) + " ATTACH PARTITION " + names.q(index));
                }
            }
            context.evidence("indexBuildSeconds", round((System.nanoTime() - began) / 1e9));
        }

        /**
         * The old table's foreign keys, without blocking writers of the referenced table for a
         * whole scan: NOT VALID on each partition (a short, measured lock), VALIDATE per partition
         * (no writer-blocking lock), then the parent's constraint, which adopts the validated ones.
         */
        private void addForeignKeys() throws SQLException {
            List<String> partitions = params.partitions(names).stream().map(p -> names.q(p.name())).toList();
            for (ForeignKey fk : foreignKeys(live)) {
                if (constraintExists(fresh, fk.name())) {
                    continue;
                }
                List<String> missing = new ArrayList<>();
                for (String partition : partitions) {
                    if (!constraintExists(partition, fk.name())) {
                        missing.add(partition);
                    }
                }
                if (!missing.isEmpty()) {
                    List<String> locked = new ArrayList<>(missing);
                    locked.add(fk.referenced());
                    // ADD FOREIGN KEY needs SHARE ROW EXCLUSIVE: readers of the referenced table go on.
                    context.underLock(connection, "foreign key " + fk.name(), locked, LockMode.SHARE_ROW_EXCLUSIVE, c -> {
                        for (String partition : missing) {
                            execute("ALTER TABLE " + partition + " ADD CONSTRAINT " + ident(fk.name()) + " " + fk.definition()
                                    + " NOT VALID");
                        }
                        return null;
                    });
                }
                for (String partition : partitions) {
                    context.throwIfCancelled();
                    execute("ALTER TABLE " + partition + " VALIDATE CONSTRAINT " + ident(fk.name()));
                }
                context.underLock(connection, "foreign key " + fk.name(), List.of(fresh, fk.referenced()),
                        LockMode.SHARE_ROW_EXCLUSIVE, c -> {
                    execute("ALTER TABLE " + fresh + " ADD CONSTRAINT " + ident(fk.name()) + " " + fk.definition());
                    return null;
                });
            }
        }

        /**
         * Replays captured changes in rounds until fewer than {@code catchUpBacklog} are left, then
         * once more: that last, short pass leaves the swap only what arrives in its own few
         * milliseconds, so the lock is held for the same time whatever the table's size.
         */
        private void catchUp() throws SQLException {
            boolean lastPass = false;
            for (long backlog = logBacklog(); backlog > 0 && !lastPass; backlog = logBacklog()) {
                context.throwIfCancelled();
                lastPass = backlog < context.settings().catchUpBacklog();
                catchUpReplayed += inTransaction(c -> replayRound(context.settings().batchSize()));
                catchUpRounds++;
            }
            context.evidence("catchUpRounds", catchUpRounds);
            context.evidence("replayedChanges", catchUpReplayed);
        }

        private long logBacklog() throws SQLException {
            return queryLong("SELECT count(*) FROM " + log);
        }

        /**
         * Brings the oldest captured keys up to date in the copy and deletes exactly the log
         * entries read. A change committed after the read is logged again under a new sequence
         * number, so it is never lost; replaying a key twice is harmless. In the caller's transaction.
         */
        private int replayRound(int limit) throws SQLException {
            List<Long> seqs = new ArrayList<>();
            Set<Long> keys = new HashSet<>();
            try (PreparedStatement read = connection.prepareStatement("SELECT seq, key FROM " + log + " ORDER BY seq LIMIT ?")) {
                read.setInt(1, limit);
                try (ResultSet rows = read.executeQuery()) {
                    while (rows.next()) {
                        seqs.add(rows.getLong(1));
                        keys.add(rows.getLong(2));
                    }
                }
            }
            if (!seqs.isEmpty()) {
                List<String> statements = new ArrayList<>(replayStatements(keys));
                statements.add("DELETE FROM " + log + " WHERE seq = ANY (" + bigintArray(seqs) + ")");
                executeAll(statements);
            }
            return seqs.size();
        }

        /**
         * Delete the keys' rows from the copy, then insert them as they are now in the live table.
         * Explicit keys, not a join with the log: the planner then always probes the primary keys,
         * never scans a whole table, which matters most under the swap's lock.
         */
        private List<String> replayStatements(Set<Long> keys) throws SQLException {
            String any = " = ANY (" + bigintArray(keys) + ")";
            return List.of("DELETE FROM " + fresh + " WHERE " + key() + any,
                    "INSERT INTO " + fresh + " (" + columns() + ") SELECT " + columns() + " FROM " + live + " WHERE " + key() + any);
        }

        /**
         * The cutover, in one transaction holding the old table, the copy and the log: the last
         * changes, the names, the sequences, and the trigger that keeps the old table in sync.
         */
        private void swap() throws SQLException {
            String key = key();
            String columns = columns();
            String newRow = queryStrings("SELECT 'NEW.' || quote_ident(attname) FROM pg_attribute WHERE attrelid = ?::regclass"
                    + " AND attnum > 0 AND NOT attisdropped ORDER BY attnum", live).stream().collect(Collectors.joining(", "));
            // Created before the lock so the hold is only renames; it names the kept table, resolved when it runs.
            execute("CREATE OR REPLACE FUNCTION " + names.function(names.sync()) + " RETURNS trigger LANGUAGE plpgsql AS $f$"
                    + " BEGIN"
                    + " IF TG_OP = 'INSERT' THEN INSERT INTO " + kept + " (" + columns + ") VALUES (" + newRow + ");"
                    + " ELSIF TG_OP = 'UPDATE' THEN UPDATE " + kept + " SET (" + columns + ") = ROW (" + newRow + ") WHERE "
                    + key + " = OLD." + key + ";"
                    + " ELSE DELETE FROM " + kept + " WHERE " + key + " = OLD." + key + ";"
                    + " END IF; RETURN NULL; END $f$");
            List<String[]> sequences = ownedSequences(live);
            List<String> oldRenames = prefixRenames(live, names.table(), names.kept());
            List<String> newRenames = prefixRenames(fresh, names.fresh(), names.table());
            context.saveState(Map.of("phase", "swap"));
            long replayed = context.underLock(connection, "swap", List.of(live, fresh, log), LockMode.ACCESS_EXCLUSIVE, c -> {
                // Nothing can be logged while the live table is locked: the log is read once, whole,
                // and the rest goes in a single round trip.
                Set<Long> keys = new HashSet<>(queryLongs("SELECT key FROM " + log));
                List<String> statements = new ArrayList<>(keys.isEmpty() ? List.of() : replayStatements(keys));
                statements.add("DROP TRIGGER " + ident(names.capture()) + " ON " + live);
                statements.addAll(oldRenames);
                statements.addAll(newRenames);
                sequences.forEach(sequence -> statements.add("ALTER SEQUENCE " + sequence[0] + " OWNED BY " + live + "."
                        + ident(sequence[1])));
                statements.add("CREATE TRIGGER " + ident(names.sync()) + " AFTER INSERT OR UPDATE OR DELETE ON " + live
                        + " FOR EACH ROW EXECUTE FUNCTION " + names.function(names.sync()));
                executeAll(statements);
                return keys.size();
            }, this::catchUp);
            context.evidence("swapReplayedKeys", replayed);
            context.evidence("swapAttempts", context.locks().holds().stream()
                    .filter(h -> h.step().equals(context.step().name()) && h.purpose().equals("swap"))
                    .mapToInt(LockLedger.LockHold::attempts).reduce((a, b) -> b).orElse(0));
        }

        // ---------------------------------------------------------------- verify

        List<Check> verify() throws SQLException {
            Stage stage = stage();
            if (stage != Stage.SWAPPED) {
                return List.of(new Check("swapped", live + " is " + stage.name().toLowerCase()
                        + (stage == Stage.PARTITIONED ? " and " + kept + " is gone" : ", not yet swapped"), false));
            }
            List<Check> checks = new ArrayList<>();
            List<TableFingerprint> prints = TableFingerprint.inOneSnapshot(connection, List.of(live, kept));
            checks.add(new Check("fingerprint " + names.table() + " = " + names.kept(),
                    prints.get(0).rows() + " rows " + prints.get(0).hash() + " vs " + prints.get(1).rows() + " rows "
                            + prints.get(1).hash(), prints.get(0).sameContentAs(prints.get(1))));
            String tree = "SELECT relid FROM pg_partition_tree(?::regclass)";
            List<String> invalid = queryStrings("SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid IN (" + tree
                    + ") AND NOT (indisvalid AND indisready)", live);
            long indexes = queryLong("SELECT count(*) FROM pg_index WHERE indrelid IN (" + tree + ")", live);
            checks.add(new Check("indexes valid", invalid.isEmpty() ? indexes + " of " + indexes + " valid"
                    : "invalid: " + String.join(", ", invalid), invalid.isEmpty() && indexes > 0));
            List<String> unvalidated = queryStrings("SELECT conname || ' on ' || conrelid::regclass FROM pg_constraint"
                    + " WHERE conrelid IN (" + tree + ") AND NOT convalidated", live);
            checks.add(new Check("constraints validated", unvalidated.isEmpty() ? "all validated"
                    : "not validated: " + String.join(", ", unvalidated), unvalidated.isEmpty()));
            checks.add(new Check("rows per partition", rowsPerPartition().toString(), true));
            String sync = triggerState(live, names.sync());
            checks.add(new Check("reverse sync trigger", sync == null ? "missing on " + live
                    : "O".equals(sync) ? names.sync() + " enabled on " + live : names.sync() + " disabled (" + sync + ")",
                    "O".equals(sync)));
            return checks;
        }

        /** Rows in each partition of the live table, DEFAULT included, by partition name. */
        private Map<String, Long> rowsPerPartition() throws SQLException {
            Map<String, Long> rows = new LinkedHashMap<>();
            for (String partition : queryStrings("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                    + " WHERE i.inhparent = ?::regclass ORDER BY c.relname", live)) {
                rows.put(partition, queryLong("SELECT count(*) FROM " + names.q(partition)));
            }
            return rows;
        }

        // ---------------------------------------------------------------- complete

        void complete() throws SQLException {
            Stage stage = stage();
            if (stage == Stage.SWAPPED) {
                if (triggerState(live, names.sync()) != null) {
                    context.underExclusiveLock(connection, "drop reverse sync", List.of(live), c -> {
                        execute("DROP TRIGGER " + ident(names.sync()) + " ON " + live);
                        return null;
                    });
                }
                execute("DROP FUNCTION IF EXISTS " + names.function(names.sync()));
                dropDetached(kept);
            } else if (stage != Stage.PARTITIONED) {
                throw new IllegalStateException(step() + " cannot complete: " + live + " is " + stage.name().toLowerCase()
                        + ", the swap has not happened");
            }
            dropLeftovers();
            context.saveState(Map.of("phase", "completed"));
        }

        // ---------------------------------------------------------------- rollback

        void rollback() throws SQLException {
            Stage stage = stage();
            switch (stage) {
                case SWAPPED -> swapBack();
                case BUILDING -> {
                    if (triggerState(live, names.capture()) != null) {
                        context.underExclusiveLock(connection, "drop capture trigger", List.of(live), c -> {
                            execute("DROP TRIGGER " + ident(names.capture()) + " ON " + live);
                            return null;
                        });
                    }
                }
                case PLAIN -> {
                    return;
                }
                default -> throw new IllegalStateException(step() + " cannot roll back: " + live + " is "
                        + stage.name().toLowerCase() + (stage == Stage.PARTITIONED ? " and " + kept
                                + " is gone (the step was completed)" : ""));
            }
            dropDetached(fresh);
            dropLeftovers();
            context.saveState(Map.of("phase", "rolled back"));
        }

        /** The swap in reverse, in one short transaction; the partitioned table is then dropped at leisure. */
        private void swapBack() throws SQLException {
            List<String[]> sequences = ownedSequences(live);
            List<String> liveRenames = prefixRenames(live, names.table(), names.fresh());
            List<String> keptRenames = prefixRenames(kept, names.kept(), names.table());
            List<String> statements = new ArrayList<>();
            statements.add("DROP TRIGGER IF EXISTS " + ident(names.sync()) + " ON " + live);
            statements.addAll(liveRenames);
            statements.addAll(keptRenames);
            // Named as it will be after the renames above.
            sequences.forEach(sequence -> statements.add("ALTER SEQUENCE " + sequence[0] + " OWNED BY " + live + "."
                    + ident(sequence[1])));
            context.underExclusiveLock(connection, "swap back", List.of(live, kept), c -> {
                executeAll(statements);
                return null;
            });
        }

        /** The log and the trigger functions, wherever a crash left them. */
        private void dropLeftovers() throws SQLException {
            execute("DROP TABLE IF EXISTS " + log);
            execute("DROP FUNCTION IF EXISTS " + names.function(names.capture()));
            execute("DROP FUNCTION IF EXISTS " + names.function(names.sync()));
        }

        /**
         * Drops a table nobody uses any more. Its foreign keys go first, in a short measured hold:
         * dropping them takes ACCESS EXCLUSIVE on the referenced tables, which the application's
         * writes check; the table itself then drops without touching anything live.
         */
        private void dropDetached(String table) throws SQLException {
            if (!exists(table)) {
                return;
            }
            List<ForeignKey> fks = foreignKeys(table);
            if (!fks.isEmpty()) {
                List<String> locked = new ArrayList<>(List.of(table));
                fks.stream().map(ForeignKey::referenced).distinct().forEach(locked::add);
                context.underExclusiveLock(connection, "drop foreign keys of " + table, locked, c -> {
                    for (ForeignKey fk : fks) {
                        execute("ALTER TABLE " + fk.table() + " DROP CONSTRAINT " + ident(fk.name()));
                    }
                    return null;
                });
            }
            execute("DROP TABLE " + table);
        }

        // ---------------------------------------------------------------- catalog

        private boolean exists(String qualified) throws SQLException {
            return queryString("SELECT to_regclass(?)::text", qualified) != null;
        }

        private boolean relationExists(String name) throws SQLException {
            return exists(names.q(name));
        }

        private String oid(String qualified) throws SQLException {
            return queryString("SELECT ?::regclass::oid::text", qualified);
        }

        private boolean functionExists(String name) throws SQLException {
            return queryString("SELECT to_regprocedure(?)::text", names.function(name)) != null;
        }

        /** tgenabled of the named trigger on the table ('O' when it fires), or null when there is none. */
        private String triggerState(String table, String trigger) throws SQLException {
            return queryString("SELECT tgenabled::text FROM pg_trigger WHERE tgrelid = to_regclass(?) AND tgname = ?",
                    table, trigger);
        }

        private boolean constraintExists(String table, String name) throws SQLException {
            return queryLong("SELECT count(*) FROM pg_constraint WHERE conrelid = ?::regclass AND conname = ?", table, name) > 0;
        }

        /**
         * The quoted key column: the primary key's first column, which is the old key before the
         * swap and leads the (key, partition column) key after it. Read once: the swap uses it under the lock.
         */
        private String key() throws SQLException {
            if (key == null) {
                key = ident(queryString("SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid"
                        + " AND a.attnum = i.indkey[0] WHERE i.indrelid = ?::regclass AND i.indisprimary", live));
            }
            return key;
        }

        /** The quoted column list, the same for the table and its copy (LIKE keeps the order). */
        private String columns() throws SQLException {
            if (columns == null) {
                columns = String.join(", ", queryStrings("SELECT quote_ident(attname) FROM pg_attribute"
                        + " WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum", live));
            }
            return columns;
        }

        /** Sequences owned by the table's columns (serial/bigserial): [sequence, column]. */
        private List<String[]> ownedSequences(String table) throws SQLException {
            List<String[]> sequences = new ArrayList<>();
            for (String row : queryStrings("SELECT d.objid::regclass::text || ' ' || a.attname FROM pg_depend d"
                    + " JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'"
                    + " JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid"
                    + " WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass"
                    + " AND d.refobjid = ?::regclass AND d.deptype = 'a'", table)) {
                int space = row.lastIndexOf(' ');
                sequences.add(new String[] {row.substring(0, space), row.substring(space + 1)});
            }
            return sequences;
        }

        /**
         * Foreign keys declared on the table or, not yet adopted by it, on its partitions
         * (pg_partition_tree lists nothing for a plain table, hence the table itself too).
         */
        private List<ForeignKey> foreignKeys(String table) throws SQLException {
            List<ForeignKey> fks = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT conrelid::regclass::text, conname,"
                    + " pg_get_constraintdef(oid), confrelid::regclass::text FROM pg_constraint WHERE contype = 'f'"
                    + " AND conparentid = 0 AND (conrelid = ?::regclass OR conrelid IN (SELECT relid FROM"
                    + " pg_partition_tree(?::regclass))) ORDER BY conname")) {
                query.setString(1, table);
                query.setString(2, table);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        fks.add(new ForeignKey(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4)));
                    }
                }
            }
            return fks;
        }

        /** Every partition of the copy and every index on it or them, by name. */
        private List<String> freshTree() throws SQLException {
            if (!exists(fresh)) {
                return List.of();
            }
            return queryStrings("SELECT c.relname FROM pg_class c WHERE c.oid IN (SELECT relid FROM pg_partition_tree(?::regclass))"
                    + " OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid IN"
                    + " (SELECT relid FROM pg_partition_tree(?::regclass)))", fresh, fresh);
        }

        /** The table and its own indexes, as "TABLE name" / "INDEX name" (partitions keep their names through the swap). */
        private List<String> ownRelations(String table) throws SQLException {
            return queryStrings("SELECT CASE WHEN c.relkind IN ('i', 'I') THEN 'INDEX ' ELSE 'TABLE ' END || c.relname"
                    + " FROM pg_class c WHERE c.oid = ?::regclass"
                    + " OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid = ?::regclass)", table, table);
        }

        /** RENAMEs giving the table and its indexes {@code to} in place of the prefix {@code from}. */
        private List<String> prefixRenames(String table, String from, String to) throws SQLException {
            List<String> renames = new ArrayList<>();
            for (String relation : ownRelations(table)) {
                String name = relation.substring(relation.indexOf(' ') + 1);
                if (name.startsWith(from)) {
                    renames.add("ALTER " + relation.substring(0, relation.indexOf(' ')) + " " + names.q(name) + " RENAME TO "
                            + ident(to + name.substring(from.length())));
                }
            }
            return renames;
        }

        // ---------------------------------------------------------------- JDBC

        private void setLocalLockTimeout() throws SQLException {
            execute("SET LOCAL lock_timeout = '" + context.settings().lockTimeout().toMillis() + "ms'");
        }

        private <T> T inTransaction(OperationContext.LockedWork<T> work) throws SQLException {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }

        private void execute(String sql) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }

        /**
         * Statements sent as one query string: one round trip however many there are, which is
         * what a lock hold is made of on a busy server (the driver sends them with a single Sync).
         */
        private void executeAll(List<String> statements) throws SQLException {
            execute(String.join(";\n", statements));
        }

        private List<Long> queryLongs(String sql) throws SQLException {
            return queryStrings(sql).stream().map(Long::valueOf).toList();
        }

        private PreparedStatement prepare(String sql, Object... args) throws SQLException {
            PreparedStatement statement = connection.prepareStatement(sql);
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            return statement;
        }

        private List<String> queryStrings(String sql, Object... args) throws SQLException {
            List<String> values = new ArrayList<>();
            try (PreparedStatement statement = prepare(sql, args); ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }

        private String queryString(String sql, Object... args) throws SQLException {
            List<String> values = queryStrings(sql, args);
            return values.isEmpty() ? null : values.get(0);
        }

        private Long queryNullableLong(String sql, Object... args) throws SQLException {
            String value = queryString(sql, args);
            return value == null ? null : Long.valueOf(value);
        }

        private long queryLong(String sql, Object... args) throws SQLException {
            return queryNullableLong(sql, args);
        }
    }

    static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** A bigint[] literal: numbers only, so nothing to escape. */
    private static String bigintArray(Collection<Long> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(",", "'{", "}'::bigint[]"));
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static int bytes(String name) {
        return name.getBytes(StandardCharsets.UTF_8).length;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
