package dev.shelfsync.systemtests;

import java.nio.file.Path;
import java.util.Map;

/** Service-specific settings of the test deployment (the equivalent of per-service Helm values). */
final class SystemSettings {

    private SystemSettings() {}

    static Map<String, String> extraEnvironment(String service, Path root) {
        return switch (service) {
            // The simulated marketplaces listen on loopback, which production refuses as an SSRF target.
            case "gateway" -> Map.of("SHELFSYNC_GATEWAY_ALLOW_PRIVATE_ENDPOINTS", "true");
            default -> Map.of();
        };
    }
}
