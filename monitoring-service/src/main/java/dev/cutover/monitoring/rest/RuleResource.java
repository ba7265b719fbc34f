package dev.cutover.monitoring.rest;

import java.util.Arrays;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.cutover.monitoring.service.Monitor;
import dev.cutover.monitoring.service.RuleService;
import dev.cutover.support.audit.Audited;
import dev.cutover.support.rule.AlertRule;
import dev.cutover.support.rule.Metric;
import dev.cutover.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/rules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "rules")
public class RuleResource {

    /** A list of rules, as a rule file holds them. */
    public record Rules(List<AlertRule> rules) {
    }

    /** A metric rule expressions may use. */
    public record MetricView(String name, String description) {
    }

    /** What validation found: nothing wrong (problems come back as a 400). */
    public record Validated(boolean valid, int rules) {
    }

    private final RuleService rules;
    private final Monitor monitor;

    public RuleResource(RuleService rules, Monitor monitor) {
        this.rules = rules;
        this.monitor = monitor;
    }

    @GET
    @Operation(summary = "The default rule set every watch evaluates (with its own overrides)")
    @RolesAllowed({ Roles.PERSON })
    public Rules get() {
        return new Rules(rules.defaults());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the default rule set; running watches switch to it at their next sample")
    @RolesAllowed({ Roles.DBA })
    @Audited
    public Rules replace(@NotNull Rules body) {
        List<AlertRule> replaced = rules.replaceDefaults(body.rules());
        monitor.rulesChanged();
        return new Rules(replaced);
    }

    @DELETE
    @Operation(summary = "Go back to the shipped default rules")
    @RolesAllowed({ Roles.DBA })
    @Audited
    public Rules reset() {
        List<AlertRule> shipped = rules.resetDefaults();
        monitor.rulesChanged();
        return new Rules(shipped);
    }

    @POST
    @Path("/validate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Check rules without storing them: 200 when valid, else 400 naming every field at fault")
    @RolesAllowed({ Roles.DBA, Roles.OPERATOR })
    public Validated validate(@NotNull Rules body) {
        rules.requireValid(body.rules(), "rules");
        return new Validated(true, body.rules().size());
    }

    @GET
    @Path("/metrics")
    @Operation(summary = "The metrics rule expressions may use")
    @RolesAllowed({ Roles.PERSON })
    public List<MetricView> metrics() {
        return Arrays.stream(Metric.values()).map(m -> new MetricView(m.key(), m.description())).toList();
    }
}
