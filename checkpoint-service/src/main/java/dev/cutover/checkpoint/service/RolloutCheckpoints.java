package dev.cutover.checkpoint.service;

import java.util.List;
import java.util.UUID;

import dev.cutover.checkpoint.repository.CheckpointRepository;
import dev.cutover.checkpoint.repository.TimelineRepository;
import dev.cutover.support.checkpoint.CheckpointDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** A rollout's checkpoints as a whole: registering them and listing them. */
@ApplicationScoped
public class RolloutCheckpoints {

    private final CheckpointService service;
    private final CheckpointRepository checkpoints;
    private final CheckpointQueries queries;
    private final TimelineRepository timeline;

    public RolloutCheckpoints(CheckpointService service, CheckpointRepository checkpoints, CheckpointQueries queries,
            TimelineRepository timeline) {
        this.service = service;
        this.checkpoints = checkpoints;
        this.queries = queries;
        this.timeline = timeline;
    }

    @Transactional
    public List<CheckpointView> register(UUID rolloutId, List<CheckpointDefinition> definitions, String actor) {
        return service.register(rolloutId, definitions, actor).stream().map(queries::view).toList();
    }

    /**
     * The rollout's checkpoints. A rollout that has events but no checkpoints yet (its plan could not
     * be read when they arrived) gets them now: migration-service, waiting at a gate, asks here.
     */
    @Transactional
    public List<CheckpointView> of(UUID rolloutId) {
        if (!checkpoints.anyOf(rolloutId) && timeline.count("rolloutId", rolloutId) > 0) {
            service.ensureDefined(rolloutId);
        }
        return checkpoints.ofRollout(rolloutId).stream().map(queries::view).toList();
    }
}
