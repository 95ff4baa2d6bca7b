package dev.shelfsync.routing.ranking;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Strategy-dependent order of locations, and the numbers the explanation shows. */
record Scoring(
        ShipToResolution shipTo, RoutingRule rule, Map<String, Map<String, Integer>> sellable, Set<String> skus) {

    int stock(String locationId, String sku) {
        return Math.max(0, sellable.getOrDefault(locationId, Map.of()).getOrDefault(sku, 0));
    }

    int orderStock(LocationProfile location) {
        return skus.stream().mapToInt(sku -> stock(location.id(), sku)).sum();
    }

    Double distance(LocationProfile location) {
        if (!shipTo.hasCoordinates() || !location.hasCoordinates()) {
            return null;
        }
        return GeoPoint.distanceKm(shipTo.latitude(), shipTo.longitude(), location.latitude(), location.longitude());
    }

    Boolean sameCountry(LocationProfile location) {
        if (shipTo.countryCode() == null || location.countryCode() == null) {
            return null;
        }
        return shipTo.countryCode().equalsIgnoreCase(location.countryCode());
    }

    /**
     * Known distance first (nearest first), then same country, then the rest; when only the country is
     * really known (country centroid or no position), same country first, then distance.
     */
    Comparator<LocationProfile> nearness() {
        if (shipTo.countryFirst()) {
            return Comparator.<LocationProfile>comparingInt(l -> Boolean.TRUE.equals(sameCountry(l)) ? 0 : 1)
                    .thenComparingInt(l -> distance(l) == null ? 1 : 0)
                    .thenComparingDouble(l -> distance(l) == null ? 0 : distance(l));
        }
        return Comparator.<LocationProfile>comparingInt(l -> {
                    if (distance(l) != null) {
                        return 0;
                    }
                    return Boolean.TRUE.equals(sameCountry(l)) ? 1 : 2;
                })
                .thenComparingDouble(l -> distance(l) == null ? 0 : distance(l));
    }

    Comparator<LocationProfile> byStock() {
        return Comparator.comparingInt((LocationProfile l) -> orderStock(l)).reversed();
    }

    Comparator<LocationProfile> comparator() {
        Comparator<LocationProfile> byId = Comparator.comparing(LocationProfile::id);
        Comparator<LocationProfile> byPriority =
                Comparator.comparing(LocationProfile::priority, Comparator.nullsLast(Comparator.naturalOrder()));
        Comparator<LocationProfile> primary =
                switch (rule.strategy()) {
                    case NEAREST -> nearness().thenComparing(byStock());
                    case HIGHEST_STOCK -> byStock().thenComparing(nearness());
                    case LOWEST_COST -> Comparator.comparing(
                                    LocationProfile::costPerShipment, Comparator.nullsLast(Comparator.naturalOrder()))
                            .thenComparing(nearness());
                    case PRIORITY -> Comparator.<LocationProfile>comparingInt(l -> {
                                int index = rule.locationPriority().indexOf(l.id());
                                return index < 0 ? Integer.MAX_VALUE : index;
                            })
                            .thenComparing(byPriority)
                            .thenComparing(nearness());
                };
        return primary.thenComparing(byPriority).thenComparing(byId);
    }

    Explanation.Assessment assess(LocationProfile location, Integer rank, String excludedBecause) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        skus.forEach(sku -> seen.put(sku, stock(location.id(), sku)));
        Double distance = distance(location);
        return new Explanation.Assessment(
                location.id(),
                rank,
                excludedBecause,
                distance == null ? null : Math.round(distance * 10) / 10.0,
                sameCountry(location),
                seen,
                location.ordersToday(),
                location.dailyCapacityOrders(),
                location.dailyCapacityUnits() == null ? null : location.unitsToday(),
                location.dailyCapacityUnits(),
                location.atCapacity(),
                location.priority(),
                location.costPerShipment() == null
                        ? null
                        : location.costPerShipment().toPlainString());
    }
}
