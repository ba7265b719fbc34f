package dev.cutover.events;

/** Severity levels of the seeds' communication plan; also used for lifecycle notices. */
public enum Severity {
    CRITICAL, WARNING, INFO
}
