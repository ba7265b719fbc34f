package dev.cutover.migration.service;

/** A step's operation failed on the target; names the step so the phase's cause says where. */
public class StepFailedException extends RuntimeException {

    public StepFailedException(String step, String operation, String action, Throwable cause) {
        super("step '" + step + "' (" + operation + ") failed to " + action + ": " + cause.getMessage(), cause);
    }
}
