package dev.cutover.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading migration-service's GET /rollouts/{id} answer. */
final class RolloutJson {

    private RolloutJson() {
    }

    /** The latest run of the phase (a target's, when the rollout has one target). */
    static JsonNode phase(JsonNode rollout, String name) {
        JsonNode found = null;
        for (JsonNode phase : rollout.get("phases")) {
            if (name.equals(phase.get("phase").asText())) {
                found = phase;
            }
        }
        assertTrue(found != null, "no " + name + " in " + rollout);
        return found;
    }

    /** The latest run of the phase on one target. */
    static JsonNode phaseOn(JsonNode rollout, String target, String name) {
        JsonNode found = null;
        for (JsonNode phase : rollout.get("phases")) {
            if (target.equals(phase.get("target").asText()) && name.equals(phase.get("phase").asText())) {
                found = phase;
            }
        }
        assertTrue(found != null, "no " + name + " on " + target + " in " + rollout);
        return found;
    }

    /** The phases run, in order. */
    static List<String> phases(JsonNode rollout) {
        List<String> names = new ArrayList<>();
        rollout.get("phases").forEach(phase -> names.add(phase.get("phase").asText()));
        return names;
    }

    /** The phases run on one target, in order. */
    static List<String> phasesOn(JsonNode rollout, String target) {
        List<String> names = new ArrayList<>();
        rollout.get("phases").forEach(phase -> {
            if (target.equals(phase.get("target").asText())) {
                names.add(phase.get("phase").asText());
            }
        });
        return names;
    }

    /** The checkpoint the rollout waited at or learnt the decision of, by name. */
    static JsonNode checkpoint(JsonNode rollout, String name) {
        for (JsonNode checkpoint : rollout.get("checkpoints")) {
            if (name.equals(checkpoint.get("name").asText())) {
                return checkpoint;
            }
        }
        throw new AssertionError("no checkpoint " + name + " in " + rollout);
    }
}
