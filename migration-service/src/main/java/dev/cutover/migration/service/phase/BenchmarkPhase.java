package dev.cutover.migration.service.phase;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jboss.logging.Logger;

import dev.cutover.migration.client.BenchmarkClient;
import dev.cutover.migration.plan.BenchmarkPlan;
import dev.cutover.migration.service.RollbackRequests;
import jakarta.ws.rs.WebApplicationException;

/**
 * BASELINE and POST: the plan's benchmark suite on the target, run by benchmark-service and awaited
 * here. The figures stay in benchmark-service (and its benchmark-completed event, the checkpoints'
 * evidence); the phase records which run it was, how long it took and, for POST, the baseline it
 * was compared with. A run that fails, outlasts the plan's timeout, or cannot be started fails the phase.
 */
abstract class BenchmarkPhase implements RolloutPhase {

    private static final Logger LOG = Logger.getLogger(BenchmarkPhase.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration PROGRESS_LOG = Duration.ofSeconds(10);

    private final BenchmarkClient benchmarks;
    private final RollbackRequests rollbacks;

    BenchmarkPhase(BenchmarkClient benchmarks, RollbackRequests rollbacks) {
        this.benchmarks = benchmarks;
        this.rollbacks = rollbacks;
    }

    @Override
    public boolean appliesTo(PhaseRequest request) {
        return request.changesSchema() && request.plan().benchmark() != null;
    }

    /** The run to compare with: none for BASELINE, BASELINE's for POST; empty when it cannot be found. */
    abstract Optional<UUID> baseline(PhaseRequest request);

    abstract boolean comparesWithBaseline();

    @Override
    public PhaseOutcome run(PhaseRequest request) {
        Instant started = Instant.now();
        Map<String, Object> evidence = new LinkedHashMap<>();
        BenchmarkPlan plan = request.plan().benchmark();
        evidence.put("suite", plan.suite());
        Optional<UUID> baseline = baseline(request);
        if (comparesWithBaseline() && baseline.isEmpty()) {
            return PhaseOutcome.failed(started, evidence, "no BASELINE run of this target to compare with");
        }
        baseline.ifPresent(id -> evidence.put("baselineId", id.toString()));
        BenchmarkClient.Run run;
        try {
            run = benchmarks.start(request(request, plan, baseline.orElse(null)));
        } catch (WebApplicationException e) {
            return PhaseOutcome.failed(started, evidence, "benchmark-service refused the run (" + e.getResponse().getStatus()
                    + "): " + e.getResponse().readEntity(String.class));
        } catch (RuntimeException e) {
            return PhaseOutcome.failed(started, evidence, "benchmark-service did not start the run: " + e.getMessage());
        }
        evidence.put("benchmarkId", run.id().toString());
        Instant deadline = started.plus(Duration.ofMinutes(plan.timeout()));
        Instant nextLog = started.plus(PROGRESS_LOG);
        while (!run.finished()) {
            if (rollbacks.isRequested(request.rolloutId())) {
                return PhaseOutcome.failed(started, evidence, "rollback requested while benchmark " + run.id() + " ran");
            }
            if (Instant.now().isAfter(deadline)) {
                return PhaseOutcome.failed(started, evidence, "benchmark " + run.id() + " still running after "
                        + plan.timeout() + " min (benchmark.timeoutMinutes)");
            }
            if (Instant.now().isAfter(nextLog)) {
                nextLog = Instant.now().plus(PROGRESS_LOG);
                LOG.infof("%s on %s/%s: %s at %d/%d iterations", phase(), request.environmentName(), request.target().name(),
                        run.progress().currentQuery(), run.progress().iterationsDone(), run.progress().iterationsTotal());
            }
            sleep();
            try {
                run = benchmarks.get(run.id());
            } catch (RuntimeException e) {
                LOG.debugf("asking for benchmark %s: %s; asking again", run.id(), e.getMessage());
            }
        }
        if ("FAILED".equals(run.status())) {
            return PhaseOutcome.failed(started, evidence, "benchmark " + run.id() + " failed: " + run.error());
        }
        return PhaseOutcome.succeeded(started, evidence);
    }

    private BenchmarkClient.Request request(PhaseRequest request, BenchmarkPlan plan, UUID baselineId) {
        BenchmarkClient.LoadTest loadTest = plan.loadTest() == null ? null
                : new BenchmarkClient.LoadTest(plan.loadTest().clients(), plan.loadTest().durationSeconds());
        String label = request.plan().name() + " " + phase().name().toLowerCase() + " " + request.environmentName() + "/"
                + request.target().name();
        return new BenchmarkClient.Request(plan.suite(), request.target(), label, request.rolloutId(), request.environmentName(),
                plan.queries(), plan.warmupIterations(), plan.iterations(), plan.rounds(), plan.concurrency(), loadTest,
                baselineId, plan.noiseThreshold());
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a benchmark", e);
        }
    }
}
