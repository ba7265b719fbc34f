package dev.cutover.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Sign-off tokens as a deployment's identity provider would issue them (RS256 JWTs, issuer
 * {@code cutover}, roles in {@code groups}), signed with a key pair made for one test class; the
 * services trust it through {@code CUTOVER_JWT_PUBLIC_KEY}.
 */
final class SignOffTokens {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final KeyPair keys;
    private final Path publicKey;

    SignOffTokens(Path directory) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
            Files.createDirectories(directory);
            publicKey = directory.resolve("public.pem");
            Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make the test's token key pair", e);
        }
    }

    /** The PEM file the services verify tokens with. */
    Path publicKey() {
        return publicKey;
    }

    /** A token for {@code name} holding {@code role}, valid ten minutes. */
    String token(String name, String role) {
        long now = Instant.now().getEpochSecond();
        try {
            String header = URL.encodeToString(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT")));
            String payload = URL.encodeToString(JSON.writeValueAsBytes(Map.of("iss", "cutover", "upn", name,
                    "groups", List.of(role), "iat", now, "exp", now + 600, "jti", UUID.randomUUID().toString())));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keys.getPrivate());
            signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }
}
