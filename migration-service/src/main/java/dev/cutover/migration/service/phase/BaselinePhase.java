package dev.cutover.migration.service.phase;

import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import dev.cutover.events.Phase;
import dev.cutover.migration.client.BenchmarkClient;
import dev.cutover.migration.service.RollbackRequests;
import jakarta.inject.Singleton;

/** BASELINE: the benchmark suite on the untouched target, before APPLY. */
@Singleton // not a client proxy: its superclass has no no-args constructor
public class BaselinePhase extends BenchmarkPhase {

    public BaselinePhase(@RestClient BenchmarkClient benchmarks, RollbackRequests rollbacks) {
        super(benchmarks, rollbacks);
    }

    @Override
    public Phase phase() {
        return Phase.BASELINE;
    }

    @Override
    Optional<UUID> baseline(PhaseRequest request) {
        return Optional.empty();
    }

    @Override
    boolean comparesWithBaseline() {
        return false;
    }
}
