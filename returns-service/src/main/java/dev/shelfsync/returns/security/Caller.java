package dev.shelfsync.returns.security;

import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling and which locations they may work at. Warehouse staff see only returns at the locations in their
 * token's {@code locations} claim (and returns not yet bound to a location); supervisors and admins see all.
 */
public record Caller(String name, boolean allLocations, Set<String> locations) {

    public static final String STAFF = "warehouse-staff";
    public static final String SUPERVISOR = "returns-supervisor";
    public static final String ADMIN = "admin";

    public static Caller of(JsonWebToken token) {
        Set<String> groups = token.getGroups() == null ? Set.of() : token.getGroups();
        boolean all = groups.contains(SUPERVISOR) || groups.contains(ADMIN);
        String name = token.getName() != null ? token.getName() : token.getSubject();
        return new Caller(
                name == null ? "unknown" : name, all, all ? Set.of() : locations(token.getClaim("locations")));
    }

    /** A return with no location yet (a channel request not yet received) is visible to every worker. */
    public boolean canSee(String locationId) {
        return allLocations || locationId == null || locations.contains(locationId);
    }

    public boolean worksAt(String locationId) {
        return allLocations || locations.contains(locationId);
    }

    /** The locations for an SQL filter; null means no filter. */
    public String[] locationFilter() {
        return allLocations ? null : locations.toArray(new String[0]);
    }

    private static Set<String> locations(Object claim) {
        Set<String> result = new LinkedHashSet<>();
        if (claim instanceof JsonArray array) {
            for (var value : array) {
                if (value instanceof JsonString text) {
                    result.add(text.getString());
                }
            }
        } else if (claim instanceof Collection<?> values) {
            values.forEach(value -> result.add(String.valueOf(value).replace("\"", "")));
        } else if (claim instanceof JsonString text) {
            result.addAll(List.of(text.getString().split(",")));
        } else if (claim instanceof String text) {
            result.addAll(List.of(text.split(",")));
        }
        result.removeIf(String::isBlank);
        return Set.copyOf(result);
    }
}
