package dev.cutover.checkpoint.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.cutover.testing.BenchSupport;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;

/**
 * What verifying a token costs a sign-off. In one run: the verification alone, in this JVM, with the
 * library, key set and checks the services use (RS256, issuer, audience); and a sign-off request
 * through the running checkpoint-service — token verified, roles checked, body validated, the
 * checkpoint looked up (an unknown one, so the request changes nothing and answers 404) — beside
 * the service's unauthenticated liveness check as the floor of any request. Reported: p50 and p99
 * of each, and the verification's p50 as a share of the sign-off's.
 */
public final class JwtCostBench {

    private static final String USAGE = "--checkpoint URL --token JWT --keys FILE --issuer ISS --audience AUD "
            + "--verifications N --requests N --results DIR";

    private JwtCostBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchSupport.options(args, USAGE);
        String token = options.get("token");
        int verifications = Integer.parseInt(options.getOrDefault("verifications", "20000"));
        int requests = Integer.parseInt(options.getOrDefault("requests", "2000"));
        double loadAtStart = BenchSupport.loadAverage();

        JWTAuthContextInfo context = new JWTAuthContextInfo(options.get("keys"), options.get("issuer"));
        context.setExpectedAudience(Set.of(options.get("audience")));
        context.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        DefaultJWTParser parser = new DefaultJWTParser(context);
        double[] verify = new double[verifications];
        for (int i = 0; i < verifications / 4; i++) {
            parser.parse(token); // warm-up
        }
        for (int i = 0; i < verifications; i++) {
            long start = System.nanoTime();
            parser.parse(token);
            verify[i] = (System.nanoTime() - start) / 1e3;
        }

        HttpClient http = HttpClient.newHttpClient();
        URI signOff = URI.create(options.get("checkpoint") + "/checkpoints/" + UUID.randomUUID() + "/sign-offs");
        URI live = URI.create(options.get("checkpoint") + "/q/health/live");
        HttpRequest signOffRequest = HttpRequest.newBuilder(signOff)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"decision\":\"APPROVE\",\"role\":\"dba\",\"comment\":\"bench\"}"))
                .build();
        HttpRequest liveRequest = HttpRequest.newBuilder(live).build();
        for (int i = 0; i < requests / 4; i++) {
            send(http, signOffRequest, 404);
            send(http, liveRequest, 200);
        }
        double[] signOffs = new double[requests];
        double[] floor = new double[requests];
        for (int i = 0; i < requests; i++) { // interleaved, so both see the same machine
            signOffs[i] = send(http, signOffRequest, 404);
            floor[i] = send(http, liveRequest, 200);
        }

        Map<String, Object> results = new LinkedHashMap<>();
        results.put("measuredAt", Instant.now().toString());
        results.put("verificationMicros", summary(verify));
        results.put("signOffRequestMicros", summary(signOffs));
        results.put("livenessRequestMicros", summary(floor));
        results.put("verificationShareOfSignOffP50", BenchSupport.round(percentile(verify, 0.5) / percentile(signOffs, 0.5)));
        results.put("note", "verification in this JVM (RS256, 2048-bit key, issuer and audience checked); the sign-off "
                + "is POST /checkpoints/{unknown id}/sign-offs as a dba (verified, authorised, validated, looked up: 404), "
                + "sequential over one connection; the liveness check is the same service's unauthenticated floor");
        results.put("loadAverageAtStart", loadAtStart);
        results.put("loadAverageAtEnd", BenchSupport.loadAverage());
        String written = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results);
        Path file = Path.of(options.get("results"), "jwt-verification.json");
        Files.writeString(file, written + "\n");
        System.out.println(written);
        System.out.println("written to " + file);
    }

    private static double send(HttpClient http, HttpRequest request, int expected) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        double micros = (System.nanoTime() - start) / 1e3;
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ", expected " + expected
                    + ": " + response.body());
        }
        return micros;
    }

    private static Map<String, Object> summary(double[] values) {
        return Map.of("samples", values.length, "p50", BenchSupport.round(percentile(values, 0.5)),
                "p99", BenchSupport.round(percentile(values, 0.99)));
    }

    private static double percentile(double[] values, double quantile) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(quantile * sorted.length))];
    }
}
