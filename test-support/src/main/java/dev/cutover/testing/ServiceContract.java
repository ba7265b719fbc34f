package dev.cutover.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

/**
 * What every Cutover service promises operators, run by each service's own @QuarkusTest subclass
 * against the real database and broker: readiness that covers both, Prometheus metrics, an
 * OpenAPI document, and problem+json errors.
 */
public abstract class ServiceContract {

    @Test
    public void readinessCoversTheDatabaseAndKafka() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")))
                .body("checks.name", hasItem(containsString("Kafka")));
    }

    @Test
    public void metricsAreExposedForPrometheus() {
        given().when().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("cutover_outbox_pending"));
    }

    @Test
    public void openApiDescribesTheService() {
        given().when().get("/q/openapi").then()
                .statusCode(200)
                .body(containsString("openapi:"));
    }

    @Test
    public void unknownPathsAnswerProblemJson() {
        given().when().get("/no/such/path").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }
}
