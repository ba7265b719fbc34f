package dev.cutover.monitoring.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.cutover.support.rest.Problem;
import dev.cutover.support.rest.ProblemException;
import dev.cutover.support.rule.AlertRule;
import dev.cutover.support.rule.CompiledRule;
import dev.cutover.support.rule.RuleSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

/**
 * The default rule set (the shipped {@code rules/default.yaml}, or what {@code PUT /rules} last
 * stored) and the rules a watch evaluates: the defaults with its overrides.
 */
@ApplicationScoped
public class RuleService {

    /** The shape of a rule file. */
    public record RuleFile(List<AlertRule> rules) {
    }

    private static final TypeReference<List<AlertRule>> RULES = new TypeReference<>() {
    };

    private final EntityManager entityManager;
    private final ObjectMapper json;
    private final List<AlertRule> shipped;

    public RuleService(EntityManager entityManager, ObjectMapper json) {
        this.entityManager = entityManager;
        this.json = json;
        this.shipped = readShipped();
    }

    private static List<AlertRule> readShipped() {
        try (InputStream in = RuleService.class.getResourceAsStream("/rules/default.yaml")) {
            List<AlertRule> rules = new ObjectMapper(new YAMLFactory()).readValue(in, RuleFile.class).rules();
            List<Problem.FieldError> problems = RuleSet.problems(rules, "rules");
            if (!problems.isEmpty()) {
                throw new IllegalStateException("the shipped rules/default.yaml is invalid: " + problems);
            }
            return List.copyOf(rules);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public List<AlertRule> defaults() {
        List<String> stored = entityManager.createNativeQuery("SELECT CAST(rules AS text) FROM default_rules WHERE id = 1").getResultList();
        return stored.isEmpty() ? shipped : read(stored.get(0));
    }

    /** Replaces the default set after validating it; every problem is reported at once. */
    @Transactional
    public List<AlertRule> replaceDefaults(List<AlertRule> rules) {
        requireValid(rules, "rules");
        entityManager.createNativeQuery("INSERT INTO default_rules (id, rules, updated_at) VALUES (1, CAST(?1 AS jsonb), ?2)"
                        + " ON CONFLICT (id) DO UPDATE SET rules = EXCLUDED.rules, updated_at = EXCLUDED.updated_at")
                .setParameter(1, write(rules))
                .setParameter(2, java.sql.Timestamp.from(Instant.now()))
                .executeUpdate();
        return rules;
    }

    /** Back to the shipped rules. */
    @Transactional
    public List<AlertRule> resetDefaults() {
        entityManager.createNativeQuery("DELETE FROM default_rules").executeUpdate();
        return shipped;
    }

    /** Throws a 400 naming {@code <path>[i].<field>} for every problem. */
    public void requireValid(List<AlertRule> rules, String path) {
        List<Problem.FieldError> problems = RuleSet.problems(rules, path);
        if (!problems.isEmpty()) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "the rules have " + problems.size() + " problem(s)", problems);
        }
    }

    /** What a watch with these overrides evaluates. */
    public List<CompiledRule> compiled(List<AlertRule> overrides) {
        return RuleSet.combine(defaults(), overrides);
    }

    public String write(List<AlertRule> rules) {
        try {
            return json.writeValueAsString(rules == null ? List.of() : rules);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<AlertRule> read(String text) {
        try {
            return json.readValue(text, RULES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored rules are unreadable", e);
        }
    }
}
