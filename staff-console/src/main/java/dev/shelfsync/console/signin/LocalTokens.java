package dev.shelfsync.console.signin;

import dev.shelfsync.console.ConsoleConfig;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Issues the local run's tokens: the claims scripts/mint-token.sh writes, signed with the same local key, so the
 * services accept them as they stand. Never used with {@code console.sign-in=oidc}.
 */
@ApplicationScoped
public class LocalTokens {

    /** A shift, so a bench worker is not signed out mid-parcel; the cookie lives as long. */
    static final Duration LIFETIME = Duration.ofHours(10);

    private final ConsoleConfig config;
    private volatile PrivateKey key;

    public LocalTokens(ConsoleConfig config) {
        this.config = config;
    }

    public String issue(String user, Set<String> roles, List<String> locations) {
        return Jwt.issuer(config.localToken().issuer())
                .audience("shelfsync")
                .subject(user)
                .upn(user)
                .groups(roles)
                .claim("locations", locations)
                .expiresIn(LIFETIME)
                .jws()
                .sign(key());
    }

    private PrivateKey key() {
        if (key == null) {
            try {
                key = KeyUtils.decodePrivateKey(
                        Files.readString(config.localToken().privateKey()));
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException(
                        "local sign-in needs the local key pair at "
                                + config.localToken().privateKey() + " (scripts/mint-token.sh creates it)",
                        e);
            }
        }
        return key;
    }
}
