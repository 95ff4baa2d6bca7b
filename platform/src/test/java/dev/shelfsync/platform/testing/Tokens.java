package dev.shelfsync.platform.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Bearer tokens signed with the TEST-ONLY key pair under {@code jwt/} of this test-jar (the services' test profile
 * verifies with its public half), and the hostile variants every service must refuse.
 */
public final class Tokens {

    public static final String ISSUER = "https://shelfsync.dev/local";
    public static final String AUDIENCE = "shelfsync";

    private static PrivateKey testKey;

    private Tokens() {}

    public static String admin() {
        return of("root", List.of("admin"), List.of());
    }

    public static String merchantOps() {
        return of("olga", List.of("merchant-ops"), List.of());
    }

    public static String service() {
        return of("harness", List.of("service"), List.of());
    }

    public static String staff(String user, String... locations) {
        return of(user, List.of("warehouse-staff"), List.of(locations));
    }

    public static String of(String user, List<String> roles, List<String> locations) {
        return sign(claims(user, roles, locations, 3600), testKey());
    }

    /** The hostile tokens: each must be answered 401 with nothing changed. */
    public static Map<String, String> hostile() {
        Map<String, String> tokens = new LinkedHashMap<>();
        Map<String, Object> expired = claims("root", List.of("admin"), List.of(), -60);
        tokens.put("expired", sign(expired, testKey()));
        Map<String, Object> wrongIssuer = claims("root", List.of("admin"), List.of(), 3600);
        wrongIssuer.put("iss", "https://attacker.example");
        tokens.put("wrong issuer", sign(wrongIssuer, testKey()));
        Map<String, Object> wrongAudience = claims("root", List.of("admin"), List.of(), 3600);
        wrongAudience.put("aud", "another-system");
        tokens.put("wrong audience", sign(wrongAudience, testKey()));
        tokens.put("alg none", unsigned(claims("root", List.of("admin"), List.of(), 3600)));
        String valid = admin();
        String[] parts = valid.split("\\.");
        Map<String, Object> escalated = claims("root", List.of("admin"), List.of(), 3600);
        escalated.put("sub", "someone-else");
        tokens.put("tampered", parts[0] + "." + base64(json(escalated)) + "." + parts[2]);
        tokens.put("signed by another key", sign(claims("root", List.of("admin"), List.of(), 3600), otherKey()));
        tokens.put("not a token", "not.a.token");
        return tokens;
    }

    private static Map<String, Object> claims(String user, List<String> roles, List<String> locations, long ttl) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("aud", AUDIENCE);
        claims.put("sub", user);
        claims.put("upn", user);
        claims.put("groups", roles);
        claims.put("locations", locations);
        claims.put("iat", ttl < 0 ? now - 3600 : now);
        claims.put("exp", now + ttl);
        claims.put("jti", UUID.randomUUID().toString());
        return claims;
    }

    private static String sign(Map<String, Object> claims, PrivateKey key) {
        String signingInput = base64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + base64(json(claims));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unsigned(Map<String, Object> claims) {
        return base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + base64(json(claims)) + ".";
    }

    private static synchronized PrivateKey testKey() {
        if (testKey == null) {
            try (InputStream pem = Tokens.class.getClassLoader().getResourceAsStream("jwt/test-privateKey.pem")) {
                if (pem == null) {
                    throw new IllegalStateException("jwt/test-privateKey.pem is not on the test classpath");
                }
                String base64 = new String(pem.readAllBytes(), StandardCharsets.US_ASCII)
                        .replaceAll("-----[A-Z ]+-----", "")
                        .replaceAll("\\s", "");
                testKey = KeyFactory.getInstance("RSA")
                        .generatePrivate(
                                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return testKey;
    }

    private static PrivateKey otherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(Map<String, Object> claims) {
        return claims.entrySet().stream()
                .map(entry -> "\"" + entry.getKey() + "\":" + value(entry.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String value(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(Tokens::value).collect(Collectors.joining(",", "[", "]"));
        }
        if (value instanceof Number) {
            return value.toString();
        }
        return "\"" + value + "\"";
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
