package dev.cutover.migration.operation;

/** Receives progress of long work (rows done of total); the service turns it into events and logs. */
@FunctionalInterface
public interface ProgressListener {

    void progress(String step, long rowsDone, long rowsTotal);
}
