package dev.cutover.support.checkpoint;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Who must approve: every role in {@code required}, plus {@code anyOf.count} of {@code anyOf.roles}
 * (the seeds' "DBA and CTO, plus 2 of {infra lead, app lead, PM}").
 */
public record SignOffPolicy(List<String> required, AnyOf anyOf) {

    public record AnyOf(Integer count, List<String> roles) {
    }

    public List<String> requiredRoles() {
        return required == null ? List.of() : required;
    }

    public List<String> optionalRoles() {
        return anyOf == null || anyOf.roles() == null ? List.of() : anyOf.roles();
    }

    public int optionalCount() {
        return anyOf == null || anyOf.count() == null ? 0 : anyOf.count();
    }

    public boolean asksFor(String role) {
        return requiredRoles().contains(role) || optionalRoles().contains(role);
    }

    @JsonIgnore
    public boolean isEmpty() {
        return requiredRoles().isEmpty() && optionalCount() == 0;
    }

    public boolean satisfiedBy(Collection<String> approvingRoles) {
        return approvingRoles.containsAll(requiredRoles())
                && optionalRoles().stream().filter(approvingRoles::contains).count() >= optionalCount();
    }

    /** As people read it: {@code dba and cto, plus 2 of infra-lead, app-lead, pm}. */
    public String label() {
        List<String> parts = new ArrayList<>();
        if (!requiredRoles().isEmpty()) {
            parts.add(String.join(" and ", requiredRoles()));
        }
        if (optionalCount() > 0) {
            parts.add((parts.isEmpty() ? "" : "plus ") + optionalCount() + " of " + String.join(", ", optionalRoles()));
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }
}
