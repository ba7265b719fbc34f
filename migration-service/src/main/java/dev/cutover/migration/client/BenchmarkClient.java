package dev.cutover.migration.client;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import dev.cutover.support.security.ServiceTokenFilter;
import dev.cutover.support.target.TargetDatabase;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** benchmark-service's runs: BASELINE and POST start one per target and wait for it to finish. */
@RegisterProvider(ServiceTokenFilter.class)
@RegisterRestClient(configKey = "benchmark")
@Path("/benchmarks")
public interface BenchmarkClient {

    @POST
    Run start(Request request);

    @GET
    @Path("/{id}")
    Run get(@PathParam("id") UUID id);

    /** What benchmark-service's POST /benchmarks takes; absent settings are its defaults. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Request(String suite, TargetDatabase target, String label, UUID rolloutId, String environment, List<String> queries,
                   Integer warmupIterations, Integer iterations, Integer rounds, Integer concurrency, LoadTest loadTest,
                   UUID baselineId, Double noiseThreshold) {
    }

    record LoadTest(Integer clients, Integer durationSeconds) {
    }

    /** status: RUNNING, SUCCEEDED or FAILED. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Run(UUID id, String status, Progress progress, String error) {

        public boolean finished() {
            return "SUCCEEDED".equals(status) || "FAILED".equals(status);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Progress(String currentQuery, int iterationsDone, int iterationsTotal) {
    }
}
