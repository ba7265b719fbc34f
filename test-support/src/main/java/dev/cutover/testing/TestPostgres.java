package dev.cutover.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL 15 + PostGIS for tests. Reuses the cluster named by {@code CUTOVER_TEST_PG_PORT}
 * (as {@code bin/cutover test} provides); otherwise initialises a throwaway cluster with pg_ctl and
 * removes it when the JVM exits. Each JVM gets its own control database, so test runs do not see
 * each other's rows.
 */
public final class TestPostgres {

    static final String PG_BIN = "/usr/lib/postgresql/15/bin";
    private static final String POSTGIS_CONTROL = "/usr/share/postgresql/15/extension/postgis.control";
    private static TestPostgres instance;

    private final int port;
    private final String controlDatabase;

    private TestPostgres(int port) {
        this.port = port;
        this.controlDatabase = "cutover_test_" + UUID.randomUUID().toString().substring(0, 8);
        createDatabase(controlDatabase);
        // the services' own roles, as bin/cutover makes them: tests run with the privileges production has
        try {
            execute(controlDatabase, Files.readString(SqlDirectory.file("control/roles.sql")));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read sql/control/roles.sql: " + e.getMessage(), e);
        }
    }

    /** The role a service with schema {@code schema} connects to the control database as (sql/control/roles.sql). */
    public static String serviceRole(String schema) {
        return "cutover_" + schema;
    }

    public static synchronized TestPostgres get() {
        if (instance == null) {
            String given = System.getenv("CUTOVER_TEST_PG_PORT");
            instance = new TestPostgres(given != null && !given.isBlank() ? Integer.parseInt(given.strip()) : startThrowawayCluster());
        }
        return instance;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The control database of this JVM, where services keep their schemas. */
    public String controlJdbcUrl() {
        return jdbcUrl(controlDatabase);
    }

    public String user() {
        return "postgres";
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user(), "");
    }

    /** Creates a database with PostGIS, as a target database of a rollout would have it. */
    public void createDatabase(String name) {
        execute("postgres", "CREATE DATABASE " + name);
        execute(name, "CREATE EXTENSION IF NOT EXISTS postgis");
    }

    public void dropDatabase(String name) {
        execute("postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    public void execute(String database, String sql) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("on " + database + ": " + sql + ": " + e.getMessage(), e);
        }
    }

    private static int startThrowawayCluster() {
        requirePostgis();
        try {
            // Under /tmp: the postgres user must be able to reach the data directory.
            Path dir = Files.createTempDirectory("cutover-test-pg");
            Path data = dir.resolve("data");
            int port = freePort();
            boolean root = "root".equals(System.getProperty("user.name"));
            if (root) {
                run(List.of("chown", "postgres:postgres", dir.toString()), false);
            }
            run(List.of(PG_BIN + "/initdb", "-D", data.toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                    "--locale=C.UTF-8"), root);
            run(List.of(PG_BIN + "/pg_ctl", "-D", data.toString(), "-l", dir.resolve("server.log").toString(), "-w",
                    "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dir
                            + " -c shared_preload_libraries=pg_stat_statements -c max_connections=200 -c fsync=off",
                    "start"), root);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    run(List.of(PG_BIN + "/pg_ctl", "-D", data.toString(), "-m", "immediate", "stop"), root);
                    run(List.of("rm", "-rf", dir.toString()), false);
                } catch (RuntimeException e) {
                    System.err.println("could not stop the test cluster in " + dir + ": " + e.getMessage());
                }
            }));
            return port;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a throwaway PostgreSQL cluster: " + e.getMessage(), e);
        }
    }

    private static void requirePostgis() {
        if (!Files.exists(Path.of(PG_BIN, "initdb"))) {
            throw new IllegalStateException("PostgreSQL 15 is not installed; run: apt-get install -y postgresql-15 postgresql-15-postgis-3"
                    + " (or set CUTOVER_TEST_PG_PORT to a running cluster, as bin/cutover test does)");
        }
        if (!Files.exists(Path.of(POSTGIS_CONTROL))) {
            throw new IllegalStateException("PostGIS is not installed; run: apt-get install -y postgresql-15-postgis-3"
                    + " (or set CUTOVER_TEST_PG_PORT to a running cluster, as bin/cutover test does)");
        }
    }

    static void run(List<String> command, boolean asPostgres) {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", full) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
