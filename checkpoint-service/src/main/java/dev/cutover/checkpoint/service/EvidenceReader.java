package dev.cutover.checkpoint.service;

import java.util.Collection;

import dev.cutover.checkpoint.evidence.Evidence;
import dev.cutover.checkpoint.repository.CheckpointRecord;
import dev.cutover.checkpoint.repository.TimelineRepository;
import dev.cutover.events.EventJson;
import dev.cutover.support.checkpoint.CheckpointDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/** A checkpoint's evidence, read from its rollout environment's timeline, and the targets it covers. */
@ApplicationScoped
public class EvidenceReader {

    private final TimelineRepository timeline;

    public EvidenceReader(TimelineRepository timeline) {
        this.timeline = timeline;
    }

    Evidence of(CheckpointRecord checkpoint) {
        return Evidence.of(timeline.evidenceOf(checkpoint.rolloutId, checkpoint.environment).stream()
                .map(entry -> EventJson.read(entry.topic, entry.payload)).toList());
    }

    /** The definition's targets, or every target that reported in the environment. */
    static Collection<String> targets(CheckpointDefinition definition, Evidence evidence) {
        return definition.targetNames().isEmpty() ? evidence.targets() : definition.targetNames();
    }
}
