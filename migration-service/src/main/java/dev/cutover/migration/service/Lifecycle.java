package dev.cutover.migration.service;

import java.util.Comparator;
import java.util.List;

import dev.cutover.events.Phase;
import dev.cutover.migration.service.phase.PhaseRequest;
import dev.cutover.migration.service.phase.RolloutPhase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/** The phases in lifecycle order (that of {@link Phase}): what runs a rollout and what a dry run describes. */
@ApplicationScoped
public class Lifecycle {

    private final List<RolloutPhase> phases;

    public Lifecycle(Instance<RolloutPhase> phases) {
        this.phases = phases.stream().sorted(Comparator.comparing(RolloutPhase::phase)).toList();
    }

    public List<RolloutPhase> phases() {
        return phases;
    }

    /** The forward phases a target of this request goes through. */
    public List<Phase> forward(PhaseRequest request) {
        return phases.stream().filter(phase -> phase.appliesTo(request)).map(RolloutPhase::phase).toList();
    }
}
