package dev.cutover.events;

public enum PhaseStatus {
    SUCCEEDED, FAILED
}
