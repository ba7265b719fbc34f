package dev.cutover.checkpoint.service;

import java.util.List;
import java.util.UUID;

import dev.cutover.support.checkpoint.CheckpointDefinition;
import dev.cutover.checkpoint.repository.CheckpointRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** A rollout's checkpoints as a whole: registering them and listing them. */
@ApplicationScoped
public class RolloutCheckpoints {

    private final CheckpointService service;
    private final CheckpointRepository checkpoints;
    private final CheckpointQueries queries;

    public RolloutCheckpoints(CheckpointService service, CheckpointRepository checkpoints, CheckpointQueries queries) {
        this.service = service;
        this.checkpoints = checkpoints;
        this.queries = queries;
    }

    @Transactional
    public List<CheckpointView> register(UUID rolloutId, List<CheckpointDefinition> definitions, String actor) {
        return service.register(rolloutId, definitions, actor).stream().map(queries::view).toList();
    }

    @Transactional
    public List<CheckpointView> of(UUID rolloutId) {
        return checkpoints.ofRollout(rolloutId).stream().map(queries::view).toList();
    }
}
