package dev.cutover.support.target;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.enterprise.context.ApplicationScoped;

/** Opens connections to target databases with configured credentials and bounded timeouts. */
@ApplicationScoped
public class TargetConnections {

    private final TargetsConfig config;
    private final String applicationName;

    public TargetConnections(TargetsConfig config,
            @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.config = config;
        // shows in the target's pg_stat_activity, so a DBA sees which service a session is
        this.applicationName = "cutover-" + applicationName.replace("-service", "");
    }

    /** Whether the credentials a target names are configured. */
    public boolean knowsCredentials(String name) {
        return config.credentials().containsKey(name);
    }

    public Connection open(TargetDatabase target) throws SQLException {
        TargetsConfig.Credentials credentials = config.credentials().get(target.credentialsName());
        if (credentials == null) {
            throw new SQLException("no credentials named '" + target.credentialsName() + "' are configured");
        }
        Properties props = new Properties();
        props.setProperty("user", credentials.user());
        credentials.password().ifPresent(password -> props.setProperty("password", password));
        long timeoutSeconds = Math.max(1, config.connectTimeout().toSeconds());
        props.setProperty("connectTimeout", Long.toString(timeoutSeconds));
        props.setProperty("loginTimeout", Long.toString(timeoutSeconds));
        props.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection(target.jdbcUrl(), props);
    }
}
