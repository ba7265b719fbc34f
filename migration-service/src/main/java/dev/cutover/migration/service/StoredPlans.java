package dev.cutover.migration.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cutover.migration.plan.RolloutPlan;
import dev.cutover.migration.repository.Rollout;
import jakarta.enterprise.context.ApplicationScoped;

/** The plan a rollout was submitted with, stored as JSON next to it so a restart resumes exactly that. */
@ApplicationScoped
public class StoredPlans {

    private final ObjectMapper json;

    public StoredPlans(ObjectMapper json) {
        this.json = json;
    }

    public String write(RolloutPlan plan) {
        try {
            return json.writeValueAsString(plan);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public RolloutPlan read(Rollout rollout) {
        try {
            return json.readValue(rollout.plan, RolloutPlan.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored plan of rollout " + rollout.id + " is unreadable", e);
        }
    }
}
