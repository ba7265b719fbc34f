package dev.cutover.suite;

/** A suite or query id that does not exist; the message names it and what does exist. */
public class UnknownQueryException extends RuntimeException {
    public UnknownQueryException(String message) {
        super(message);
    }
}
