package dev.cutover.migration.service;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;


import dev.cutover.events.Phase;
import dev.cutover.events.PhaseStatus;
import dev.cutover.migration.migrationset.MigrationSet;
import dev.cutover.migration.plan.CrashPolicy;
import dev.cutover.migration.plan.EnvironmentPlan;
import dev.cutover.migration.plan.RolloutPlan;
import dev.cutover.migration.repository.PhaseRunRepository;
import dev.cutover.migration.repository.Rollout;
import dev.cutover.migration.repository.RolloutRepository;
import dev.cutover.migration.service.phase.PhaseOutcome;
import dev.cutover.migration.service.phase.PhaseRequest;
import dev.cutover.migration.service.phase.RollbackPhase;
import dev.cutover.migration.service.phase.RolloutPhase;
import dev.cutover.support.target.TargetDatabase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Runs rollouts in the background: environment by environment, wave by wave, and inside a wave phase
 * by phase, each phase on every target of the wave (up to the environment's parallelism at a time).
 * Progress is persisted after every phase and step, so a restarted service resumes each rollout
 * where it stopped (or rolls it back, when the plan's crash policy or a rollback request says so).
 * A phase that fails after the target was touched rolls that target back, and the rest of its wave;
 * a rollback request rolls back every target the rollout touched.
 */
@ApplicationScoped
public class RolloutRunner {

    private static final Logger LOG = Logger.getLogger(RolloutRunner.class);

    private final RolloutRepository rollouts;
    private final PhaseRunRepository phaseRuns;
    private final PhaseRecorder recorder;
    private final MigrationSteps steps;
    private final TargetGuard guard;
    private final RollbackRequests rollbacks;
    private final RollbackPhase rollbackPhase;
    private final MigrationSetCatalogue catalogue;
    private final StoredPlans plans;
    private final CheckpointGates gates;
    private final List<RolloutPhase> lifecycle;
    /** Rollouts with a thread working on them in this process; changed only under {@code this}. */
    private final Set<UUID> active = ConcurrentHashMap.newKeySet();
    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread thread = new Thread(r, "rollout-runner");
        thread.setDaemon(true);
        return thread;
    });

    public RolloutRunner(RolloutRepository rollouts, PhaseRunRepository phaseRuns, PhaseRecorder recorder,
            MigrationSteps steps, TargetGuard guard, RollbackRequests rollbacks, RollbackPhase rollbackPhase,
            MigrationSetCatalogue catalogue, StoredPlans plans, CheckpointGates gates, Lifecycle lifecycle) {
        this.rollouts = rollouts;
        this.phaseRuns = phaseRuns;
        this.recorder = recorder;
        this.steps = steps;
        this.guard = guard;
        this.rollbacks = rollbacks;
        this.rollbackPhase = rollbackPhase;
        this.catalogue = catalogue;
        this.plans = plans;
        this.gates = gates;
        this.lifecycle = lifecycle.phases();
    }

    void resumeInterrupted(@Observes StartupEvent startup) {
        List<Rollout> interrupted = QuarkusTransaction.requiringNew().call(rollouts::inProgress);
        for (Rollout rollout : interrupted) {
            RolloutPlan plan = readPlan(rollout);
            if (rollout.rollbackReason != null) {
                LOG.infof("rollout %s: rolling back after a restart (%s)", rollout.id, rollout.rollbackReason);
                rollbacks.mark(rollout.id);
                execute(rollout.id, plan, true, () -> rollBackEverything(rollout.id, plan));
            } else if (plan.crashPolicy() == CrashPolicy.ROLLBACK) {
                LOG.infof("rollout %s: interrupted by a restart; its crash policy rolls it back", rollout.id);
                recorder.requestRollback(rollout.id, "interrupted by a restart; crash policy ROLLBACK");
                rollbacks.mark(rollout.id);
                execute(rollout.id, plan, true, () -> rollBackEverything(rollout.id, plan));
            } else {
                LOG.infof("rollout %s: resuming after a restart", rollout.id);
                execute(rollout.id, plan, false, () -> runForward(rollout.id, plan));
            }
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        executor.shutdownNow();
    }

    public void submit(UUID rolloutId) {
        RolloutPlan plan = QuarkusTransaction.requiringNew().call(() -> readPlan(rollouts.findById(rolloutId)));
        execute(rolloutId, plan, false, () -> runForward(rolloutId, plan));
    }

    /**
     * A rollback asked for by a person or another service. A running rollout stops at its next safe
     * point and rolls back; a finished one (applied, not finalised) is rolled back now.
     */
    public synchronized boolean requestRollback(UUID rolloutId, String reason) {
        Rollout.Status before = recorder.requestRollback(rolloutId, reason);
        if (before == null || !before.canRollBack()) {
            LOG.infof("rollout %s is %s: nothing to roll back (%s)", rolloutId, before, reason);
            return false;
        }
        rollbacks.mark(rolloutId);
        if (!active.contains(rolloutId)) {
            RolloutPlan plan = QuarkusTransaction.requiringNew().call(() -> readPlan(rollouts.findById(rolloutId)));
            execute(rolloutId, plan, true, () -> rollBackEverything(rolloutId, plan));
        }
        return true;
    }

    /** After acceptance: every applied step drops what it kept for a rollback. */
    public void finalise(UUID rolloutId) {
        RolloutPlan plan = QuarkusTransaction.requiringNew().call(() -> readPlan(rollouts.findById(rolloutId)));
        execute(rolloutId, plan, false, () -> finaliseTargets(rolloutId, plan));
    }

    private void finaliseTargets(UUID rolloutId, RolloutPlan plan) {
        boolean failed = false;
        for (EnvironmentPlan environment : plan.environments()) {
            for (TargetDatabase target : environment.targets()) {
                PhaseRequest request = new PhaseRequest(rolloutId, plan, environment, target);
                Instant started = Instant.now();
                PhaseOutcome outcome;
                try {
                    MigrationSet set = catalogue.read(plan.migrationSet());
                    outcome = PhaseOutcome.succeeded(started, Map.of("steps", steps.complete(request, set)));
                } catch (RuntimeException e) {
                    outcome = PhaseOutcome.failed(started, Map.of(), "finalise failed: " + e.getMessage());
                }
                recorder.record(rolloutId, environment.name(), target.name(), Phase.FINALISE, outcome);
                failed |= outcome.isFailed();
            }
        }
        recorder.finish(rolloutId, failed ? Rollout.Status.SUCCEEDED : Rollout.Status.FINALISED);
    }

    private void execute(UUID rolloutId, RolloutPlan plan, boolean isRollback, Runnable work) {
        synchronized (this) {
            active.add(rolloutId);
        }
        executor.execute(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                // Left in progress on purpose: the next start resumes it.
                LOG.errorf(e, "rollout %s interrupted", rolloutId);
            } finally {
                synchronized (this) {
                    active.remove(rolloutId);
                    // A request that arrived after the work's last safe point is honoured now.
                    if (!isRollback && rollbacks.isRequested(rolloutId)) {
                        execute(rolloutId, plan, true, () -> rollBackEverything(rolloutId, plan));
                    }
                }
            }
        });
    }

    private void runForward(UUID rolloutId, RolloutPlan plan) {
        Set<String> done = QuarkusTransaction.requiringNew().call(() -> phaseRuns.ofRollout(rolloutId).stream()
                .filter(run -> run.status == PhaseStatus.SUCCEEDED)
                .map(run -> key(run.environment, run.target, run.phase))
                .collect(Collectors.toSet()));
        for (EnvironmentPlan environment : plan.environments()) {
            List<List<TargetDatabase>> waves = environment.targetWaves();
            List<String> targetsSoFar = new ArrayList<>();
            for (int w = 0; w < waves.size(); w++) {
                List<PhaseRequest> wave = waves.get(w).stream()
                        .map(target -> new PhaseRequest(rolloutId, plan, environment, target)).toList();
                waves.get(w).forEach(target -> targetsSoFar.add(target.name()));
                Map<PhaseRequest, TargetResult> results = runWave(wave, environment.parallelTargets(), done,
                        List.copyOf(targetsSoFar));
                if (rollbacks.isRequested(rolloutId) || results.containsValue(TargetResult.ROLLBACK_REQUESTED)) {
                    rollBackEverything(rolloutId, plan);
                    return;
                }
                if (results.containsValue(TargetResult.FAILED)) {
                    // the wave's gate failed: what it changed goes back; waves and environments before it passed theirs
                    rollBack(wave.stream().filter(r -> results.get(r) != TargetResult.FAILED).toList());
                    recorder.finish(rolloutId, Rollout.Status.FAILED);
                    return;
                }
                if (waves.size() > 1) {
                    LOG.infof("rollout %s: wave %d of %d on %s passed (%d target(s))", rolloutId, w + 1, waves.size(),
                            environment.name(), wave.size());
                }
            }
        }
        if (rollbacks.isRequested(rolloutId)) {
            rollBackEverything(rolloutId, plan);
        } else if (gates.accepted(rolloutId)) {
            // the stability checkpoint accepted the rollout: nothing is kept for a rollback any more
            recorder.finish(rolloutId, Rollout.Status.SUCCEEDED);
            finaliseTargets(rolloutId, plan);
        } else {
            recorder.finish(rolloutId, Rollout.Status.SUCCEEDED);
        }
    }

    /** How a target's phases ended; SKIPPED: its phase did not start, because another target of its wave failed first. */
    private enum TargetResult { DONE, FAILED, ROLLBACK_REQUESTED, SKIPPED }

    /**
     * The wave phase by phase: each phase on every target of the wave (up to {@code parallelism} at a
     * time; a phase that spans the wave on all at once) before the next phase starts anywhere, so a target that fails PREFLIGHT, BACKUP or
     * FINGERPRINT stops the wave before any of its targets is changed. Once a target fails (or a
     * rollback is asked for), phases not yet started are not started; those running finish. After
     * each phase the wave waits at the checkpoints that open there ({@code targetsSoFar}: the
     * environment's targets up to this wave); a refused one asks for the rollout's rollback.
     */
    private Map<PhaseRequest, TargetResult> runWave(List<PhaseRequest> wave, int parallelism, Set<String> done,
            List<String> targetsSoFar) {
        Map<PhaseRequest, TargetResult> results = new ConcurrentHashMap<>();
        wave.forEach(request -> results.put(request, TargetResult.DONE));
        AtomicBoolean stop = new AtomicBoolean();
        Semaphore slots = new Semaphore(parallelism);
        ExecutorService targets = Executors.newFixedThreadPool(Math.max(1, wave.size()), r -> {
            Thread thread = new Thread(r, "rollout-wave");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (RolloutPhase phase : lifecycle) {
                List<Future<?>> running = new ArrayList<>();
                for (PhaseRequest request : wave) {
                    if (!phase.appliesTo(request) || done.contains(key(request, phase.phase()))) {
                        continue;
                    }
                    running.add(targets.submit(() -> {
                        boolean slotted = !phase.spansWave();
                        if (slotted) {
                            slots.acquire();
                        }
                        try {
                            if (stop.get()) {
                                results.put(request, TargetResult.SKIPPED);
                                return null;
                            }
                            TargetResult result = runPhase(request, phase);
                            results.put(request, result);
                            if (result != TargetResult.DONE) {
                                stop.set(true);
                            }
                            return null;
                        } finally {
                            if (slotted) {
                                slots.release();
                            }
                        }
                    }));
                }
                for (Future<?> each : running) {
                    each.get();
                }
                if (stop.get() || !passesGates(wave, phase, targetsSoFar)) {
                    break;
                }
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a wave ran", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a target of the wave failed unexpectedly", e.getCause());
        } finally {
            targets.shutdownNow();
            wave.forEach(guard::release);
        }
    }

    /** False when the rollout must not go on: a checkpoint after this phase refused it, or a rollback was asked for while it waited. */
    private boolean passesGates(List<PhaseRequest> wave, RolloutPhase phase, List<String> targetsSoFar) {
        if (wave.stream().noneMatch(phase::appliesTo)) {
            return true; // the phase did not run here, so no checkpoint opens after it
        }
        PhaseRequest first = wave.get(0);
        Optional<String> refusal = gates.await(first.rolloutId(), first.environmentName(), phase.phase(), targetsSoFar);
        if (refusal.isPresent()) {
            LOG.infof("rollout %s: %s; rolling back", first.rolloutId(), refusal.get());
            recorder.requestRollback(first.rolloutId(), refusal.get());
            rollbacks.mark(first.rolloutId());
        }
        return !rollbacks.isRequested(first.rolloutId());
    }

    /** One phase on one target; a failure after the target was touched rolls that target back. */
    private TargetResult runPhase(PhaseRequest request, RolloutPhase phase) {
        PhaseOutcome outcome = runGuarded(request, phase);
        record(request, phase.phase(), outcome);
        if (rollbacks.isRequested(request.rolloutId())) {
            return TargetResult.ROLLBACK_REQUESTED;
        }
        if (outcome.isFailed()) {
            if (steps.touched(request)) {
                record(request, Phase.ROLLBACK, runGuarded(request, rollbackPhase));
            }
            return TargetResult.FAILED;
        }
        return TargetResult.DONE;
    }

    /** Every target the rollout touched, last first, back to its pre-state. */
    private void rollBackEverything(UUID rolloutId, RolloutPlan plan) {
        List<PhaseRequest> all = new ArrayList<>();
        for (EnvironmentPlan environment : plan.environments()) {
            for (TargetDatabase target : environment.targets()) {
                all.add(new PhaseRequest(rolloutId, plan, environment, target));
            }
        }
        boolean failed = rollBack(all);
        rollbacks.clear(rolloutId);
        recorder.finish(rolloutId, failed ? Rollout.Status.FAILED : Rollout.Status.ROLLED_BACK);
    }

    /** Those of the targets the rollout touched, last first, back to their pre-state; true when one could not be. */
    private boolean rollBack(List<PhaseRequest> targets) {
        List<PhaseRequest> touched = new ArrayList<>(targets.stream()
                .filter(request -> request.changesSchema() && steps.touched(request)).toList());
        Collections.reverse(touched);
        boolean failed = false;
        for (PhaseRequest request : touched) {
            PhaseOutcome outcome = runGuarded(request, rollbackPhase);
            record(request, Phase.ROLLBACK, outcome);
            guard.release(request);
            failed |= outcome.isFailed();
        }
        return failed;
    }

    private void record(PhaseRequest request, Phase phase, PhaseOutcome outcome) {
        recorder.record(request.rolloutId(), request.environmentName(), request.target().name(), phase, outcome);
        LOG.infof("rollout %s: %s on %s/%s %s in %d ms%s", request.rolloutId(), phase, request.environmentName(),
                request.target().name(), outcome.status(),
                outcome.finishedAt().toEpochMilli() - outcome.startedAt().toEpochMilli(),
                outcome.error() == null ? "" : ": " + outcome.error());
    }

    /**
     * A bug in a phase must still end as a recorded failure with its cause, not a silent stop; and a
     * phase that works on the target does so under the target's advisory lock.
     */
    private PhaseOutcome runGuarded(PhaseRequest request, RolloutPhase phase) {
        Instant started = Instant.now();
        LOG.infof("rollout %s: %s on %s/%s", request.rolloutId(), phase.phase(), request.environmentName(),
                request.target().name());
        try {
            if (phase.phase() != Phase.PREFLIGHT && !guard.acquire(request)) {
                return PhaseOutcome.failed(started, Map.of(), "another run holds the advisory lock of "
                        + request.target().name());
            }
            return phase.run(request);
        } catch (SQLException e) {
            return PhaseOutcome.failed(started, Map.of(), "cannot lock " + request.target().name() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s failed unexpectedly on %s", phase.phase(), request.target().name());
            return PhaseOutcome.failed(started, Map.of(), phase.phase() + " failed unexpectedly: " + e);
        }
    }

    private RolloutPlan readPlan(Rollout rollout) {
        return plans.read(rollout);
    }

    private static String key(PhaseRequest request, Phase phase) {
        return key(request.environmentName(), request.target().name(), phase);
    }

    private static String key(String environment, String target, Phase phase) {
        return environment + "/" + target + "/" + phase;
    }
}
