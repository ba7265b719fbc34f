package dev.cutover.support.security;

import java.util.Set;

/**
 * The roles Cutover's endpoints allow (docs/security.md has the table). People hold theirs as the
 * token's groups; a service's role comes from the key that signed its token ({@link KeyBoundRoles}).
 */
public final class Roles {

    public static final String DBA = "dba";
    public static final String OPERATOR = "operator";
    public static final String INFRA_LEAD = "infra-lead";
    public static final String APP_LEAD = "app-lead";
    public static final String PM = "pm";
    public static final String CTO = "cto";

    /** Given to every holder of one of the people's roles above: the role that may read. */
    public static final String PERSON = "person";

    /** A service's role is also the key id its tokens are signed with. */
    public static final String SERVICE_PREFIX = "service-";
    public static final String MIGRATION_SERVICE = "service-migration";
    public static final String BENCHMARK_SERVICE = "service-benchmark";
    public static final String MONITORING_SERVICE = "service-monitoring";
    public static final String CHECKPOINT_SERVICE = "service-checkpoint";
    public static final String NOTIFICATION_SERVICE = "service-notification";

    public static final Set<String> PEOPLE = Set.of(DBA, OPERATOR, INFRA_LEAD, APP_LEAD, PM, CTO);
    public static final Set<String> SERVICES = Set.of(MIGRATION_SERVICE, BENCHMARK_SERVICE, MONITORING_SERVICE,
            CHECKPOINT_SERVICE, NOTIFICATION_SERVICE);

    private Roles() {
    }

    /** The role of the service named {@code applicationName} ("migration-service" → "service-migration"). */
    public static String ofService(String applicationName) {
        return SERVICE_PREFIX + applicationName.replaceFirst("-service$", "");
    }
}
