package dev.cutover.support.security;

import java.time.Duration;
import java.time.Instant;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * This service's own identity towards the others: a short-lived RS256 token signed with the
 * service's key ({@code smallrye.jwt.sign.key.location}), its key id being the service's role.
 * Minted again when less than a third of its life is left.
 */
@ApplicationScoped
public class ServiceToken {

    private final String role;
    private final String issuer;
    private final String audience;
    private final Duration lifetime;
    private String token;
    private Instant renewAt = Instant.MIN;

    public ServiceToken(@ConfigProperty(name = "quarkus.application.name") String applicationName,
            @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
            @ConfigProperty(name = "cutover.security.audience") String audience,
            @ConfigProperty(name = "cutover.security.service-token-lifetime", defaultValue = "5m") Duration lifetime) {
        this.role = Roles.ofService(applicationName);
        this.issuer = issuer;
        this.audience = audience;
        this.lifetime = lifetime;
    }

    public synchronized String bearer() {
        Instant now = Instant.now();
        if (now.isAfter(renewAt)) {
            token = Jwt.issuer(issuer).upn(role).subject(role).groups(role).audience(audience)
                    .issuedAt(now).expiresAt(now.plus(lifetime))
                    .jws().keyId(role).sign();
            renewAt = now.plus(lifetime.multipliedBy(2).dividedBy(3));
        }
        return "Bearer " + token;
    }
}
