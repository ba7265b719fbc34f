package dev.cutover.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What the benchmark mains behind {@code bench/} share: their {@code --name value} options, one-line
 * SQL, the rounding of their figures and the machine's load.
 */
public final class BenchSupport {

    private BenchSupport() {
    }

    /**
     * The options given, by name without the dashes; any name not in usage (e.g. {@code "--rows N
     * --results DIR"}) or without a value is refused with the usage.
     */
    public static Map<String, String> options(String[] args, String usage) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || !Arrays.asList(usage.split(" ")).contains(args[i]) || i + 1 == args.length) {
                throw new IllegalArgumentException("unknown option or no value: " + args[i] + "; use " + usage);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    /** A row count such as {@code 1_000_000}. */
    /**
     * Kafka client properties for a bench: the broker at {@code bootstrapServers}, signed in with the
     * client configuration file bin/cutover writes per broker user ($CUTOVER_HOME/kafka/admin.properties).
     */
    public static Properties kafkaClient(String bootstrapServers, String clientConfig) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(clientConfig))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Kafka client configuration " + clientConfig, e);
        }
        properties.put("bootstrap.servers", bootstrapServers);
        return properties;
    }

    public static long count(String value) {
        return Long.parseLong(value.replace("_", ""));
    }

    public static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The first column of the first row, or null without rows. */
    public static String scalar(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            return row.next() ? row.getString(1) : null;
        }
    }

    /** Three decimals: the figures' precision in results files. */
    public static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /** The machine may be shared: its load says how much of a bench's figures is contention. */
    public static double loadAverage() {
        return round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
