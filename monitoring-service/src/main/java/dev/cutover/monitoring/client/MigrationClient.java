package dev.cutover.monitoring.client;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.cutover.support.rule.AlertRule;
import dev.cutover.support.security.ServiceTokenFilter;
import dev.cutover.support.target.TargetDatabase;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** migration-service's rollouts: where a rollout's targets are (URLs and credential names, no secrets) and its plan's alert rules. */
@RegisterProvider(ServiceTokenFilter.class)
@RegisterRestClient(configKey = "migration")
@Path("/rollouts")
public interface MigrationClient {

    @GET
    @Path("/{id}")
    Rollout rollout(@PathParam("id") UUID id);

    /** {@code monitoring}: the plan's alert rule overrides for the rollout's watches, when it has any. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Rollout(UUID id, List<Environment> environments, Monitoring monitoring) {

        public List<AlertRule> ruleOverrides() {
            return monitoring == null || monitoring.rules() == null ? List.of() : monitoring.rules();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Monitoring(List<AlertRule> rules) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Environment(String name, List<TargetDatabase> targets) {
    }
}
