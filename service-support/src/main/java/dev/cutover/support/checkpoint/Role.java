package dev.cutover.support.checkpoint;

import java.util.Arrays;
import java.util.Optional;

/** The stakeholders who sign off checkpoints, as JWT groups name them. */
public enum Role {
    DBA("dba"), INFRA_LEAD("infra-lead"), APP_LEAD("app-lead"), PM("pm"), CTO("cto"), OPERATOR("operator");

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
