package dev.cutover.migration.client;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.cutover.events.Phase;
import dev.cutover.support.security.ServiceTokenFilter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** checkpoint-service's checkpoints of a rollout: which of them the rollout must pause at, and where. */
@RegisterProvider(ServiceTokenFilter.class)
@RegisterRestClient(configKey = "checkpoint")
@Path("/rollouts/{id}/checkpoints")
public interface CheckpointClient {

    @GET
    List<Checkpoint> checkpoints(@PathParam("id") UUID rolloutId);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Checkpoint(String name, String environment, String status, String decision, Definition definition) {

        /**
         * Whether the checkpoint opens once {@code phase} completed on {@code targetsSoFar} (every
         * target of the environment that has run so far): checkpoint-service opens it when its phase
         * completed on each of its targets, or without targets on every target that reported.
         */
        public boolean opensAfter(String environment, Phase phase, List<String> targetsSoFar) {
            return this.environment.equals(environment) && definition.after() == phase
                    && targetsSoFar.containsAll(definition.targetNames());
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Definition(Phase after, List<String> targets, Boolean acceptance) {

        List<String> targetNames() {
            return targets == null ? List.of() : targets;
        }
    }
}
