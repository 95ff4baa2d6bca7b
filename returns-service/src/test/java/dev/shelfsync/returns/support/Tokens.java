package dev.shelfsync.returns.support;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.security.PrivateKey;
import java.util.List;
import java.util.Set;

/** Signs bearer tokens with the TEST-ONLY key under src/test/resources/jwt. */
public final class Tokens {

    private static final String ISSUER = "https://shelfsync.dev/local";
    private static PrivateKey key;

    private Tokens() {}

    public static String staff(String user, String... locations) {
        return token(user, Set.of("warehouse-staff"), List.of(locations));
    }

    public static String supervisor() {
        return token("sam", Set.of("returns-supervisor"), List.of());
    }

    public static String admin() {
        return token("root", Set.of("admin"), List.of());
    }

    public static String token(String user, Set<String> roles, List<String> locations) {
        return Jwt.issuer(ISSUER)
                .upn(user)
                .groups(roles)
                .claim("locations", locations)
                .expiresIn(3600)
                .sign(privateKey());
    }

    private static synchronized PrivateKey privateKey() {
        if (key == null) {
            try {
                key = KeyUtils.readPrivateKey("jwt/test-privateKey.pem");
            } catch (Exception e) {
                throw new IllegalStateException("test key missing", e);
            }
        }
        return key;
    }
}
