package dev.cutover.support.checkpoint;

import java.util.Arrays;
import java.util.Optional;

import dev.cutover.support.security.Roles;

/** The stakeholders who sign off checkpoints, as JWT groups name them (the names are {@link Roles}' constants). */
public enum Role {
    DBA(Roles.DBA), INFRA_LEAD(Roles.INFRA_LEAD), APP_LEAD(Roles.APP_LEAD), PM(Roles.PM), CTO(Roles.CTO), OPERATOR(Roles.OPERATOR);

    private final String group;

    Role(String group) {
        this.group = group;
    }

    public String group() {
        return group;
    }

    public static Optional<Role> byGroup(String group) {
        return Arrays.stream(values()).filter(r -> r.group.equals(group)).findFirst();
    }

    public static String known() {
        return String.join(", ", Arrays.stream(values()).map(Role::group).toList());
    }
}
