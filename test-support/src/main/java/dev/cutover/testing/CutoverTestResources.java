package dev.cutover.testing;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a @QuarkusTest at the real test database and broker (signed in as the service itself), and
 * makes it trust the test JVM's keys ({@link TestTokens}). Both live as long as the JVM, so
 * every test class of a module shares them.
 */
public class CutoverTestResources implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        TestPostgres postgres = TestPostgres.get();
        TestKafka kafka = TestKafka.get();
        TestTokens tokens = TestTokens.get();
        Map<String, String> config = new HashMap<>(Map.of(
                "mp.jwt.verify.publickey.location", tokens.keySet().toString(),
                "smallrye.jwt.sign.key.location", tokens.serviceKey("${quarkus.application.name}").toString(),
                "quarkus.datasource.jdbc.url", postgres.controlJdbcUrl(),
                "quarkus.datasource.username", TestPostgres.serviceRole("${cutover.schema}"),
                "quarkus.datasource.password", "",
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                // the service under test signs in as itself, so its tests meet the ACLs it meets in production
                "kafka.sasl.jaas.config", TestKafka.jaasConfig("${quarkus.application.name}",
                        "${cutover.test.kafka-password.${quarkus.application.name}}"),
                "cutover.test.pg-port", Integer.toString(postgres.port())));
        for (String service : TestKafka.SERVICES) {
            config.put("cutover.test.kafka-password." + service, kafka.password(service));
        }
        return config;
    }

    @Override
    public void stop() {
        // shared for the JVM's lifetime; shutdown hooks stop what this JVM started
    }
}
