package dev.cutover.support.security;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Decides a verified token's roles from the key that signed it, so a key can grant no more than it
 * is trusted for. Every trusted key is in one key set: a service signs with its own key, whose id is
 * its role ({@code service-migration}); a token signed with it is that service and nothing else,
 * whatever its groups say. Any other key is a people issuer's: its tokens hold the people's roles
 * they name (never a service's), plus {@link Roles#PERSON}. A token without a key id is refused, as
 * the key that verified it could not be told.
 */
@ApplicationScoped
public class KeyBoundRoles implements SecurityIdentityAugmentor {

    private final ObjectMapper json;

    public KeyBoundRoles(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        String keyId = keyId(token.getRawToken());
        Set<String> roles = new HashSet<>();
        if (Roles.SERVICES.contains(keyId)) {
            roles.add(keyId);
        } else {
            identity.getRoles().stream().filter(Roles.PEOPLE::contains).forEach(roles::add);
            if (!roles.isEmpty()) {
                roles.add(Roles.PERSON);
            }
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .addRoles(roles)
                .setAnonymous(false)
                .build());
    }

    private String keyId(String rawToken) {
        try {
            JsonNode header = json.readTree(Base64.getUrlDecoder().decode(rawToken.substring(0, rawToken.indexOf('.'))));
            JsonNode kid = header.get("kid");
            if (kid != null && kid.isTextual() && !kid.asText().isBlank()) {
                return kid.asText();
            }
        } catch (Exception e) {
            // a verified token always has a readable header; anything else is refused below
        }
        throw new AuthenticationFailedException("the token names no signing key (kid)");
    }
}
