package dev.shelfsync.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The Shelfsync headers the gateway adds to every push so that a benchmark can trace it, which no real marketplace
 * reads: the availability version of each listing and the sales in flight its quantity already subtracts.
 */
final class PushHeaders {

    static final String VERSIONS_HEADER = "X-Shelfsync-Versions";
    static final String SALES_HEADER = "X-Shelfsync-Sales-In-Flight";

    private PushHeaders() {}

    /** Parses {@code listing=version,listing=version}. */
    static Map<String, Long> versions(String header) {
        Map<String, Long> versions = new HashMap<>();
        if (header == null || header.isBlank()) {
            return versions;
        }
        for (String pair : header.split(",")) {
            int eq = pair.lastIndexOf('=');
            if (eq > 0) {
                try {
                    versions.put(
                            URLDecoder.decode(pair.substring(0, eq).trim(), StandardCharsets.UTF_8),
                            Long.parseLong(pair.substring(eq + 1).trim()));
                } catch (NumberFormatException ignored) {
                    // a malformed entry carries no version; the push itself still counts
                }
            }
        }
        return versions;
    }

    /** {@code listing=channel/order;channel/order,...}, as the gateway sends it to channels that trace sales. */
    static Map<String, Set<String>> salesInFlight(String header) {
        Map<String, Set<String>> sales = new HashMap<>();
        if (header == null || header.isBlank()) {
            return sales;
        }
        for (String entry : header.split(",")) {
            int eq = entry.lastIndexOf('=');
            if (eq > 0) {
                Set<String> refs = new HashSet<>();
                for (String ref : entry.substring(eq + 1).split(";")) {
                    refs.add(URLDecoder.decode(ref.trim(), StandardCharsets.UTF_8));
                }
                sales.put(URLDecoder.decode(entry.substring(0, eq).trim(), StandardCharsets.UTF_8), refs);
            }
        }
        return sales;
    }
}
