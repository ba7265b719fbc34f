package dev.cutover.monitoring;

import static dev.cutover.testing.TestTokens.asOperator;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.cutover.events.EventJson;
import dev.cutover.events.MetricBreach;
import dev.cutover.testing.Await;
import dev.cutover.testing.TestKafka;
import dev.cutover.testing.TestPostgres;
import io.restassured.path.json.JsonPath;

/** A watch over REST on a real target database, and the breaches it announces on Kafka. */
final class MonitoringTarget {

    private MonitoringTarget() {
    }

    static Map<String, Object> watchRequest(String rolloutId, String database, boolean guarded, List<Map<String, Object>> rules) {
        Map<String, Object> request = new HashMap<>();
        request.put("rolloutId", rolloutId);
        request.put("environment", "production");
        request.put("target", Map.of("name", database, "jdbcUrl", TestPostgres.get().jdbcUrl(database)));
        request.put("interval", "1s");
        request.put("guarded", guarded);
        request.put("rules", rules);
        return request;
    }

    static String startWatch(Map<String, Object> request) {
        return asOperator().contentType("application/json").body(request)
                .when().post("/watches")
                .then().statusCode(201)
                .extract().path("id");
    }

    /** Waits until the watch has sampled its target at least once with the metric measured. */
    static JsonPath awaitSampled(String watchId, String metric) {
        return Await.until(() -> asOperator().when().get("/watches/" + watchId).then().statusCode(200).extract().jsonPath(),
                w -> w.get("metrics." + metric) != null, Duration.ofSeconds(30), "watch " + watchId + " measured " + metric);
    }

    static Map<String, Object> rule(String name, String severity, String expr, String forDuration, String keepFiringFor,
                                    boolean rollbackTrigger) {
        Map<String, Object> rule = new HashMap<>();
        rule.put("name", name);
        rule.put("severity", severity);
        rule.put("expr", expr);
        rule.put("for", forDuration);
        rule.put("keepFiringFor", keepFiringFor);
        rule.put("rollbackTrigger", rollbackTrigger);
        return rule;
    }

    static Predicate<ConsumerRecord<String, String>> breach(String rolloutId, String rule, MetricBreach.State state) {
        return r -> {
            if (!rolloutId.equals(r.key())) {
                return false;
            }
            MetricBreach event = EventJson.read(MetricBreach.class, r.value());
            return event.rule().equals(rule) && event.state() == state;
        };
    }

    static MetricBreach awaitBreach(TestKafka.TopicReader reader, String rolloutId, String rule, MetricBreach.State state,
                                    Duration timeout) {
        return EventJson.read(MetricBreach.class, reader.await(breach(rolloutId, rule, state), 1, timeout).get(0).value());
    }

    static String newRollout() {
        return UUID.randomUUID().toString();
    }
}
