package dev.cutover.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * The keys and tokens of a test JVM, made when it first asks: a people issuer's key pair (key id
 * {@code people}), one key pair per service (key id = its role, {@code service-migration}) and a
 * foreign key pair nobody trusts. The public halves of the first two are one key set
 * ({@link #keySet()}) that the services under test verify with, as a deployment's would.
 */
public final class TestTokens {

    public static final String ISSUER = "cutover";
    public static final String AUDIENCE = "cutover";
    public static final String PEOPLE_KEY = "people";
    private static final List<String> SERVICES = List.of("migration", "benchmark", "monitoring", "checkpoint", "notification");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static TestTokens instance;

    private final Path directory;
    private final Map<String, KeyPair> keys = new LinkedHashMap<>();
    private final KeyPair foreign;

    private TestTokens() {
        try {
            directory = Files.createTempDirectory("cutover-test-keys");
            keys.put(PEOPLE_KEY, generate());
            for (String service : SERVICES) {
                KeyPair pair = generate();
                keys.put("service-" + service, pair);
                Files.writeString(directory.resolve(service + "-service.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            }
            foreign = generate();
            List<Map<String, String>> jwks = new ArrayList<>();
            keys.forEach((kid, pair) -> jwks.add(jwk(kid, (RSAPublicKey) pair.getPublic())));
            Files.writeString(keySet(), JSON.writeValueAsString(Map.of("keys", jwks)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the test key set", e);
        }
    }

    public static synchronized TestTokens get() {
        if (instance == null) {
            instance = new TestTokens();
        }
        return instance;
    }

    /** The JWKS file the services trust ({@code CUTOVER_JWT_KEYS}). */
    public Path keySet() {
        return directory.resolve("keys.json");
    }

    /** The private key (PEM) the service of that application name signs with ({@code CUTOVER_SERVICE_KEY}). */
    public Path serviceKey(String applicationName) {
        return directory.resolve(applicationName + ".pem");
    }

    /** A valid token for the person {@code name} holding {@code roles}, ten minutes long. */
    public String person(String name, String... roles) {
        return sign(PEOPLE_KEY, claims(name, roles));
    }

    /** RestAssured as the person {@code name} holding {@code roles}. */
    public static RequestSpecification as(String name, String... roles) {
        return RestAssured.given().auth().oauth2(get().person(name, roles));
    }

    /** RestAssured as an operator, the role that runs rollouts, watches and rules in tests. */
    public static RequestSpecification asOperator() {
        return as("test-operator", "operator");
    }

    /** A token signed by a service's key ({@code service-migration}) with whatever claims. */
    public String service(String role, Map<String, Object> claims) {
        return sign(role, claims);
    }

    /** The claims of a valid people token: issuer, audience, upn, groups, ten minutes from now. */
    public static Map<String, Object> claims(String name, String... roles) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("aud", AUDIENCE);
        claims.put("upn", name);
        claims.put("sub", name);
        claims.put("groups", List.of(roles));
        claims.put("iat", now);
        claims.put("exp", now + 600);
        claims.put("jti", UUID.randomUUID().toString());
        return claims;
    }

    /** RS256 with the trusted key {@code keyId} (in the key set), named in the header. */
    public String sign(String keyId, Map<String, Object> claims) {
        return rs256(keys.get(keyId).getPrivate(), keyId, claims);
    }

    /** RS256 with a key nobody trusts, under the people key's id. */
    public String signForeign(Map<String, Object> claims) {
        return rs256(foreign.getPrivate(), PEOPLE_KEY, claims);
    }

    /** RS256 with the trusted people key, but no key id in the header. */
    public String signWithoutKeyId(Map<String, Object> claims) {
        return rs256(keys.get(PEOPLE_KEY).getPrivate(), null, claims);
    }

    /** {@code alg: none}, no signature. */
    public String unsigned(Map<String, Object> claims) {
        return encode(Map.of("alg", "none", "typ", "JWT", "kid", PEOPLE_KEY)) + "." + encode(claims) + ".";
    }

    /** HS256 keyed with the people key's public half: the algorithm-confusion attack. */
    public String hs256WithPublicKey(Map<String, Object> claims) {
        try {
            String input = encode(Map.of("alg", "HS256", "typ", "JWT", "kid", PEOPLE_KEY)) + "." + encode(claims);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pem("PUBLIC KEY", keys.get(PEOPLE_KEY).getPublic().getEncoded())
                    .getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            return input + "." + URL.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String rs256(PrivateKey key, String keyId, Map<String, Object> claims) {
        try {
            Map<String, String> header = new LinkedHashMap<>(Map.of("alg", "RS256", "typ", "JWT"));
            if (keyId != null) {
                header.put("kid", keyId);
            }
            String input = encode(header) + "." + encode(claims);
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    private static String encode(Map<String, ?> json) {
        try {
            return URL.encodeToString(JSON.writeValueAsBytes(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> jwk(String kid, RSAPublicKey key) {
        return Map.of("kty", "RSA", "use", "sig", "alg", "RS256", "kid", kid,
                "n", URL.encodeToString(unsigned(key.getModulus())), "e", URL.encodeToString(unsigned(key.getPublicExponent())));
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
