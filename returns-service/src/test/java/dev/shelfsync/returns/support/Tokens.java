package dev.shelfsync.returns.support;

import java.util.List;
import java.util.Set;

/** The returns bench's callers, signed by the platform's test tokens (TEST-ONLY key pair). */
public final class Tokens {

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
        return dev.shelfsync.platform.testing.Tokens.of(user, List.copyOf(roles), locations);
    }
}
