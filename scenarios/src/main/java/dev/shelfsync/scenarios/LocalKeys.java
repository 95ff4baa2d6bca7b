package dev.shelfsync.scenarios;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The local run's token key pair in {@code run/jwt/} (git-ignored), the same files {@code scripts/mint-token.sh}
 * creates and signs with: the services of a local deployment verify with its public half, so a token minted by
 * the script is accepted by the running system. Never a production key.
 */
final class LocalKeys {

    static final String ISSUER = "https://shelfsync.dev/local";

    private final Path privateKey;
    private final Path publicKey;

    private LocalKeys(Path privateKey, Path publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** The key pair under {@code <root>/run/jwt}, created on first use. */
    static synchronized LocalKeys of(Path root) {
        Path directory = root.resolve("run/jwt");
        LocalKeys keys = new LocalKeys(directory.resolve("privateKey.pem"), directory.resolve("publicKey.pem"));
        if (!Files.exists(keys.privateKey) || !Files.exists(keys.publicKey)) {
            keys.create();
        }
        return keys;
    }

    /** The committed TEST-ONLY pair of the platform test-jar, which the system tests sign with. */
    static LocalKeys testOnly(Path root) {
        Path directory = root.resolve("platform/src/test/resources/jwt");
        return new LocalKeys(directory.resolve("test-privateKey.pem"), directory.resolve("test-publicKey.pem"));
    }

    Path publicKey() {
        return publicKey;
    }

    Path privateKey() {
        return privateKey;
    }

    /** A bearer token for the user with the roles (and, for warehouse staff, the locations), valid for a day. */
    String token(String user, List<String> roles, List<String> locations) {
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims =
                "{\"iss\":\"%s\",\"aud\":\"shelfsync\",\"sub\":\"%s\",\"upn\":\"%s\",\"groups\":%s,\"locations\":%s,\"iat\":%d,\"exp\":%d,\"jti\":\"%s\"}"
                        .formatted(
                                ISSUER, user, user, json(roles), json(locations), now, now + 86_400, UUID.randomUUID());
        String signingInput =
                base64(header.getBytes(StandardCharsets.UTF_8)) + "." + base64(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(readPrivateKey());
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64(rs256.sign());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot sign a local token with " + privateKey, e);
        }
    }

    private void create() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(privateKey.getParent());
            Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.setPosixFilePermissions(privateKey, PosixFilePermissions.fromString("rw-------"));
            Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the local key pair", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PrivateKey readPrivateKey() throws IOException, GeneralSecurityException {
        String base64 =
                Files.readString(privateKey).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static String json(List<String> values) {
        return values.stream().map(value -> "\"" + value + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
