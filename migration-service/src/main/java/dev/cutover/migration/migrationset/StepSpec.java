package dev.cutover.migration.migrationset;

import java.util.Map;

/**
 * One step of a migration set as its manifest declares it. {@code operation} names the kind of
 * operation that runs it; {@code params} are that operation's own settings.
 *
 * @param transactional whether the step runs in one transaction (an online operation manages its own)
 * @param lockBudgetMs the longest any lock that blocks writers may be held by this step
 * @param undo how the step is undone: a file for {@code sql} steps, {@code operation} when the
 *        operation knows how to roll itself back
 */
public record StepSpec(
        String name,
        String operation,
        Boolean transactional,
        Long lockBudgetMs,
        String file,
        String undo,
        Map<String, Object> params) {

    public static final long DEFAULT_LOCK_BUDGET_MS = 100;

    public boolean runsInTransaction() {
        return transactional == null || transactional;
    }

    public long lockBudget() {
        return lockBudgetMs == null ? DEFAULT_LOCK_BUDGET_MS : lockBudgetMs;
    }

    public Map<String, Object> paramsOrEmpty() {
        return params == null ? Map.of() : params;
    }
}
