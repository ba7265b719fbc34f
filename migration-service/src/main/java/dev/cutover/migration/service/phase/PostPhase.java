package dev.cutover.migration.service.phase;

import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import dev.cutover.events.Phase;
import dev.cutover.migration.client.BenchmarkClient;
import dev.cutover.migration.repository.PhaseRunRepository;
import dev.cutover.migration.service.RollbackRequests;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Singleton;

/** POST: the same suite after VALIDATE, compared by benchmark-service with this target's BASELINE run. */
@Singleton // not a client proxy: its superclass has no no-args constructor
public class PostPhase extends BenchmarkPhase {

    private final PhaseRunRepository phaseRuns;

    public PostPhase(@RestClient BenchmarkClient benchmarks, RollbackRequests rollbacks, PhaseRunRepository phaseRuns) {
        super(benchmarks, rollbacks);
        this.phaseRuns = phaseRuns;
    }

    @Override
    public Phase phase() {
        return Phase.POST;
    }

    @Override
    Optional<UUID> baseline(PhaseRequest request) {
        return QuarkusTransaction.requiringNew().call(() -> phaseRuns
                .lastSucceeded(request.rolloutId(), request.environmentName(), request.target().name(), Phase.BASELINE)
                .map(run -> (String) run.evidence.get("benchmarkId"))
                .map(UUID::fromString));
    }

    @Override
    boolean comparesWithBaseline() {
        return true;
    }
}
