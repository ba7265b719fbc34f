package dev.cutover.support.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.cutover.support.expression.Durations;
import dev.cutover.support.rest.Problem;
import dev.cutover.support.rest.ProblemException;
import jakarta.ws.rs.core.Response;

/**
 * A rollout's checkpoints validated with every problem reported at once: where checkpoint-service
 * registers them and where migration-service takes them from a plan.
 */
public final class CheckpointDefinitions {

    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9_-]{0,62}";
    private static final String ENVIRONMENT = "[a-z][a-z0-9-]{0,62}";

    private static final String DEFAULTS = "/checkpoints/default.yaml";

    private CheckpointDefinitions() {
    }

    /** The planning documents' CP1–CP4 (BRIEF.md): a rollout's checkpoints when its plan defines none. */
    public static List<CheckpointDefinition> defaults() {
        try (InputStream in = CheckpointDefinitions.class.getResourceAsStream(DEFAULTS)) {
            List<CheckpointDefinition> definitions = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
                    .readValue(in, new TypeReference<List<CheckpointDefinition>>() { });
            validate(definitions);
            return definitions;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULTS, e);
        }
    }

    /** Throws a 400 naming every field at fault ({@code checkpoints[1].criteria[0].expr}). */
    public static void validate(List<CheckpointDefinition> definitions) {
        List<Problem.FieldError> errors = problems(definitions, "checkpoints");
        if (!errors.isEmpty()) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "the checkpoints have " + errors.size() + " problem(s)", errors);
        }
    }

    /** Every problem of the definitions, fields named {@code <path>[i].<field>}; empty when they are valid. */
    public static List<Problem.FieldError> problems(List<CheckpointDefinition> definitions, String path) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (definitions == null || definitions.isEmpty()) {
            errors.add(new Problem.FieldError(path, "must list at least one checkpoint"));
        } else {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < definitions.size(); i++) {
                validate(definitions.get(i), path + "[" + i + "]", names, errors);
            }
        }
        return errors;
    }

    private static void validate(CheckpointDefinition definition, String path, Set<String> names, List<Problem.FieldError> errors) {
        if (definition == null) {
            errors.add(new Problem.FieldError(path, "must not be null"));
            return;
        }
        if (definition.name() == null || !definition.name().matches(NAME)) {
            errors.add(new Problem.FieldError(path + ".name", "must be letters, digits, '_' or '-' (e.g. CP2)"));
        } else if (!names.add(definition.name())) {
            errors.add(new Problem.FieldError(path + ".name", "'" + definition.name() + "' is defined twice"));
        }
        if (definition.environment() == null || !definition.environment().matches(ENVIRONMENT)) {
            errors.add(new Problem.FieldError(path + ".environment", "must name an environment of the plan (lower-case letters, digits, dashes)"));
        }
        if (definition.after() == null) {
            errors.add(new Problem.FieldError(path + ".after", "must name the phase after which the checkpoint opens, e.g. ROLLBACK_DRILL"));
        }
        List<CriterionDefinition> criteria = definition.criteria();
        if (criteria == null || criteria.isEmpty()) {
            errors.add(new Problem.FieldError(path + ".criteria", "must list at least one criterion: a decision needs evidence"));
        } else {
            Set<String> criterionNames = new HashSet<>();
            for (int j = 0; j < criteria.size(); j++) {
                validate(criteria.get(j), path + ".criteria[" + j + "]", criterionNames, errors);
            }
        }
        validate(definition.signOffPolicy(), path + ".signOffs", errors);
        if (definition.window() != null) {
            validate(definition.window(), path + ".window", errors);
        }
        if (definition.conditionalAcceptor() != null && Role.byGroup(definition.conditionalAcceptor()).isEmpty()) {
            errors.add(new Problem.FieldError(path + ".conditionalAcceptor", unknownRole(definition.conditionalAcceptor())));
        }
    }

    private static void validate(CriterionDefinition criterion, String path, Set<String> names, List<Problem.FieldError> errors) {
        if (criterion == null) {
            errors.add(new Problem.FieldError(path, "must not be null"));
            return;
        }
        if (criterion.name() == null || !criterion.name().matches("[a-z][a-z0-9_]{0,62}")) {
            errors.add(new Problem.FieldError(path + ".name", "must be lower-case letters, digits and '_' (e.g. q1_faster)"));
        } else if (!names.add(criterion.name())) {
            errors.add(new Problem.FieldError(path + ".name", "'" + criterion.name() + "' is defined twice"));
        }
        try {
            criterion.expression();
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError(path + ".expr", e.getMessage()));
        }
    }

    private static void validate(SignOffPolicy policy, String path, List<Problem.FieldError> errors) {
        for (int i = 0; i < policy.requiredRoles().size(); i++) {
            String role = policy.requiredRoles().get(i);
            if (Role.byGroup(role).isEmpty()) {
                errors.add(new Problem.FieldError(path + ".required[" + i + "]", unknownRole(role)));
            }
        }
        for (int i = 0; i < policy.optionalRoles().size(); i++) {
            String role = policy.optionalRoles().get(i);
            if (Role.byGroup(role).isEmpty()) {
                errors.add(new Problem.FieldError(path + ".anyOf.roles[" + i + "]", unknownRole(role)));
            } else if (policy.requiredRoles().contains(role)) {
                errors.add(new Problem.FieldError(path + ".anyOf.roles[" + i + "]", "'" + role + "' is required already"));
            }
        }
        if (policy.optionalCount() < 0 || policy.optionalCount() > policy.optionalRoles().size()) {
            errors.add(new Problem.FieldError(path + ".anyOf.count", "must be between 0 and the " + policy.optionalRoles().size() + " roles listed"));
        }
    }

    private static void validate(WindowPlan window, String path, List<Problem.FieldError> errors) {
        if (window.opensAfter() == null) {
            errors.add(new Problem.FieldError(path + ".opensAfter", "must name the phase whose completion opens the window, e.g. FINGERPRINT"));
        }
        if (window.closesAfter() == null) {
            errors.add(new Problem.FieldError(path + ".closesAfter", "must name the phase that must complete inside the window, e.g. APPLY"));
        }
        Optional<String> assess = required(window.assessAfter());
        Optional<String> stop = required(window.hardStopAfter());
        assess.ifPresent(m -> errors.add(new Problem.FieldError(path + ".assessAfter", m)));
        stop.ifPresent(m -> errors.add(new Problem.FieldError(path + ".hardStopAfter", m)));
        if (assess.isEmpty() && stop.isEmpty() && window.assessment().compareTo(window.hardStop()) >= 0) {
            errors.add(new Problem.FieldError(path + ".assessAfter", "must come before hardStopAfter (" + window.hardStopAfter() + ")"));
        }
    }

    private static Optional<String> required(String duration) {
        return duration == null ? Optional.of("is required: a duration such as 75m") : Durations.problem(duration);
    }

    private static String unknownRole(String role) {
        return "unknown role '" + role + "'; known: " + Role.known();
    }
}
