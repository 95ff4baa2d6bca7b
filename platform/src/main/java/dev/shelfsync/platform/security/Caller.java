package dev.shelfsync.platform.security;

import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling and where they may work. Warehouse staff are bound to the locations of their token's
 * {@code locations} claim; every other role works everywhere.
 */
public record Caller(String name, boolean allLocations, Set<String> locations) {

    public static Caller of(JsonWebToken token) {
        Set<String> groups = token.getGroups() == null ? Set.of() : token.getGroups();
        boolean bound = groups.contains(Roles.WAREHOUSE_STAFF)
                && !groups.contains(Roles.ADMIN)
                && !groups.contains(Roles.MERCHANT_OPS)
                && !groups.contains(Roles.RETURNS_SUPERVISOR)
                && !groups.contains(Roles.SERVICE);
        String name = token.getName() != null ? token.getName() : token.getSubject();
        return new Caller(
                name == null ? "unknown" : name, !bound, bound ? locations(token.getClaim("locations")) : Set.of());
    }

    public boolean worksAt(String locationId) {
        return allLocations || locations.contains(locationId);
    }

    /** Refuses with 403 problem+json unless the caller works at the location; changes nothing. */
    public void requireWorksAt(String locationId) {
        if (!worksAt(locationId)) {
            throw new ForbiddenLocationProblem(name, locationId);
        }
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
