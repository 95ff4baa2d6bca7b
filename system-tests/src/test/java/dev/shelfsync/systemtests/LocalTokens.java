package dev.shelfsync.systemtests;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** Bearer tokens for returns-service, signed with its TEST-ONLY key pair (the system tests start it with the public half). */
final class LocalTokens {

    private LocalTokens() {}

    static String token(String user, List<String> roles, List<String> locations) {
        try {
            long now = Instant.now().getEpochSecond();
            String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
            String payload = "{\"iss\":\"https://shelfsync.dev/local\",\"sub\":\"%s\",\"upn\":\"%s\",\"groups\":%s,"
                            .formatted(user, user, json(roles))
                    + "\"locations\":%s,\"iat\":%d,\"exp\":%d,\"jti\":\"%s\"}"
                            .formatted(json(locations), now, now + 3600, UUID.randomUUID());
            String signingInput = base64(header.getBytes(StandardCharsets.UTF_8)) + "."
                    + base64(payload.getBytes(StandardCharsets.UTF_8));
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(privateKey());
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64(rs256.sign());
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }

    private static PrivateKey privateKey() throws Exception {
        Path pem = Path.of(System.getProperty("shelfsync.root", ".."))
                .resolve("returns-service/src/test/resources/jwt/test-privateKey.pem");
        String base64 =
                Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static String json(List<String> values) {
        return values.stream().map(value -> "\"" + value + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
