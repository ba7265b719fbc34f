package dev.cutover.migration.operation;

import java.util.Map;

/**
 * Where an operation keeps its checkpoint (e.g. the last committed batch) so a restarted service
 * resumes instead of starting over. The service stores it in its own database.
 */
public interface StepState {

    Map<String, Object> load();

    void save(Map<String, Object> state);
}
