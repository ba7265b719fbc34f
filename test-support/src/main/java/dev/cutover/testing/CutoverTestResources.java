package dev.cutover.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a @QuarkusTest at the real test database and broker, and makes it trust the test JVM's keys
 * ({@link TestTokens}). Both live as long as the JVM, so
 * every test class of a module shares them.
 */
public class CutoverTestResources implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        TestPostgres postgres = TestPostgres.get();
        TestKafka kafka = TestKafka.get();
        TestTokens tokens = TestTokens.get();
        return Map.of(
                "mp.jwt.verify.publickey.location", tokens.keySet().toString(),
                "smallrye.jwt.sign.key.location", tokens.serviceKey("${quarkus.application.name}").toString(),
                "quarkus.datasource.jdbc.url", postgres.controlJdbcUrl(),
                "quarkus.datasource.username", postgres.user(),
                "quarkus.datasource.password", "",
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "cutover.test.pg-port", Integer.toString(postgres.port()));
    }

    @Override
    public void stop() {
        // shared for the JVM's lifetime; shutdown hooks stop what this JVM started
    }
}
