package dev.cutover.migration.operation;

import java.util.ArrayList;
import java.util.List;

/**
 * Every lock that blocked writers, with how long it was actually held (measured from the moment
 * it was granted to the end of the commit), so APPLY reports the longest hold as measured.
 */
public final class LockLedger {

    private final List<LockHold> holds = new ArrayList<>();

    public synchronized void record(LockHold hold) {
        holds.add(hold);
    }

    public synchronized List<LockHold> holds() {
        return List.copyOf(holds);
    }

    public synchronized double maxHeldMs() {
        return holds.stream().mapToDouble(LockHold::heldMs).max().orElse(0);
    }

    /**
     * @param attempts how many times the lock was asked for (lock_timeout retries included)
     */
    public record LockHold(String step, String purpose, List<String> relations, String mode, double heldMs,
            int attempts) {
    }
}
