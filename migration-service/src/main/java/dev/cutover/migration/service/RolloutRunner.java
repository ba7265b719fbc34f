package dev.cutover.migration.service;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cutover.events.PhaseStatus;
import dev.cutover.migration.plan.EnvironmentPlan;
import dev.cutover.migration.plan.RolloutPlan;
import dev.cutover.migration.plan.TargetDatabase;
import dev.cutover.migration.repository.PhaseRunRepository;
import dev.cutover.migration.repository.Rollout;
import dev.cutover.migration.repository.RolloutRepository;
import dev.cutover.migration.service.phase.PhaseOutcome;
import dev.cutover.migration.service.phase.RolloutPhase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

/**
 * Runs rollouts phase by phase, environment by environment, target by target, in the background.
 * Progress is persisted after every phase, so a restarted service resumes each RUNNING rollout
 * where it stopped instead of starting over.
 */
@ApplicationScoped
public class RolloutRunner {

    private static final Logger LOG = Logger.getLogger(RolloutRunner.class);

    private final RolloutRepository rollouts;
    private final PhaseRunRepository phaseRuns;
    private final PhaseRecorder recorder;
    private final ObjectMapper json;
    private final List<RolloutPhase> lifecycle;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread thread = new Thread(r, "rollout-runner");
        thread.setDaemon(true);
        return thread;
    });

    public RolloutRunner(RolloutRepository rollouts, PhaseRunRepository phaseRuns, PhaseRecorder recorder,
            ObjectMapper json, Instance<RolloutPhase> phases) {
        this.rollouts = rollouts;
        this.phaseRuns = phaseRuns;
        this.recorder = recorder;
        this.json = json;
        this.lifecycle = phases.stream().sorted(Comparator.comparing(RolloutPhase::phase)).toList();
    }

    void resumeInterrupted(@Observes StartupEvent startup) {
        List<UUID> interrupted = QuarkusTransaction.requiringNew()
                .call(() -> rollouts.running().stream().map(r -> r.id).toList());
        interrupted.forEach(id -> {
            LOG.infof("resuming rollout %s interrupted by a restart", id);
            submit(id);
        });
    }

    void stop(@Observes ShutdownEvent shutdown) {
        executor.shutdownNow();
    }

    public void submit(UUID rolloutId) {
        executor.execute(() -> {
            try {
                run(rolloutId);
            } catch (RuntimeException e) {
                // Left RUNNING on purpose: the next start resumes it.
                LOG.errorf(e, "rollout %s interrupted", rolloutId);
            }
        });
    }

    private void run(UUID rolloutId) {
        RolloutPlan plan = QuarkusTransaction.requiringNew().call(() -> readPlan(rollouts.findById(rolloutId)));
        Set<String> done = QuarkusTransaction.requiringNew().call(() -> phaseRuns.ofRollout(rolloutId).stream()
                .filter(run -> run.status == PhaseStatus.SUCCEEDED)
                .map(run -> key(run.environment, run.target, run.phase.name()))
                .collect(Collectors.toSet()));
        for (EnvironmentPlan environment : plan.environments()) {
            for (TargetDatabase target : environment.targets()) {
                for (RolloutPhase phase : lifecycle) {
                    if (done.contains(key(environment.name(), target.name(), phase.phase().name()))) {
                        continue;
                    }
                    LOG.infof("rollout %s: %s on %s/%s", rolloutId, phase.phase(), environment.name(), target.name());
                    PhaseOutcome outcome = runGuarded(rolloutId, environment.name(), target, phase);
                    recorder.record(rolloutId, environment.name(), target.name(), phase, outcome);
                    LOG.infof("rollout %s: %s on %s/%s %s in %d ms%s", rolloutId, phase.phase(), environment.name(),
                            target.name(), outcome.status(),
                            outcome.finishedAt().toEpochMilli() - outcome.startedAt().toEpochMilli(),
                            outcome.error() == null ? "" : ": " + outcome.error());
                    if (outcome.status() == PhaseStatus.FAILED) {
                        return;
                    }
                }
            }
        }
        recorder.finish(rolloutId, Rollout.Status.SUCCEEDED);
    }

    /** A bug in a phase must still end as a recorded failure with its cause, not a silent stop. */
    private static PhaseOutcome runGuarded(UUID rolloutId, String environment, TargetDatabase target, RolloutPhase phase) {
        Instant started = Instant.now();
        try {
            return phase.run(rolloutId, environment, target);
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s failed unexpectedly on %s", phase.phase(), target.name());
            return PhaseOutcome.failed(started, Map.of(), phase.phase() + " failed unexpectedly: " + e);
        }
    }

    private RolloutPlan readPlan(Rollout rollout) {
        try {
            return json.readValue(rollout.plan, RolloutPlan.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored plan of rollout " + rollout.id + " is unreadable", e);
        }
    }

    private static String key(String environment, String target, String phase) {
        return environment + "/" + target + "/" + phase;
    }
}
