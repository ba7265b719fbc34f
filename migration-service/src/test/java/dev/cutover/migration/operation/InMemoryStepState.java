package dev.cutover.migration.operation;

import java.util.HashMap;
import java.util.Map;

/** A step's checkpoint kept in memory, for operations tested without the service. */
public class InMemoryStepState implements StepState {

    private final Map<String, Object> state = new HashMap<>();

    @Override
    public Map<String, Object> load() {
        return Map.copyOf(state);
    }

    @Override
    public void save(Map<String, Object> checkpoint) {
        state.clear();
        state.putAll(checkpoint);
    }
}
