package dev.cutover.migration.operation;

/** Thrown at a safe point when a rollback was requested while the step ran. */
public class OperationCancelledException extends RuntimeException {

    public OperationCancelledException(String message) {
        super(message);
    }
}
