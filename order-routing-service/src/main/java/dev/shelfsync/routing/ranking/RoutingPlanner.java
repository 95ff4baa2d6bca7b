package dev.shelfsync.routing.ranking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ranks the locations that could ship an order and plans which one ships each line. Pure: everything it needs is
 * passed in, so it is tested without a database or a broker.
 *
 * <p>Rules in order: only active locations that serve the channel; a location at its daily capacity only when no
 * plan works without it (overflow); one location that can ship the whole order; otherwise the fewest locations
 * that together cover every line; ties and order within these by the channel's strategy (nearest by great-circle
 * distance, country match when coordinates are missing; highest stock; lowest cost; fixed priority). The stock
 * seen is a read model, never the authority: each line also carries the other plausible locations as fallbacks
 * for inventory-service, which reserves all lines or none.
 */
public final class RoutingPlanner {

    /** Upper bound on location combinations tried for a split before falling back to a greedy cover. */
    private static final int MAX_COMBINATIONS = 20_000;

    private RoutingPlanner() {}

    /**
     * @param locations what routing knows about every location (its own data and locations seen in stock)
     * @param sellable location id to SKU to sellable units, as last seen
     */
    public static RoutingPlan plan(
            String channelId,
            List<LineDemand> lines,
            GeoPoint shipTo,
            RoutingRule rule,
            List<LocationProfile> locations,
            Map<String, Map<String, Integer>> sellable) {
        return plan(channelId, lines, shipTo, rule, locations, sellable, Centroids.builtIn());
    }

    /** As {@link #plan(String, List, GeoPoint, RoutingRule, List, Map)} with a centroid table of one's own. */
    public static RoutingPlan plan(
            String channelId,
            List<LineDemand> lines,
            GeoPoint shipTo,
            RoutingRule rule,
            List<LocationProfile> locations,
            Map<String, Map<String, Integer>> sellable,
            Centroids centroids) {
        Map<String, Integer> demand = new LinkedHashMap<>();
        lines.forEach(line -> demand.merge(line.sku(), line.quantity(), Integer::sum));
        ShipToResolution where = centroids.resolve(shipTo);
        Scoring scoring = new Scoring(where, rule, sellable, demand.keySet());

        List<LocationProfile> eligible = new ArrayList<>();
        List<Explanation.Assessment> excluded = new ArrayList<>();
        for (LocationProfile location : locations) {
            String reason = !location.active()
                    ? "inactive"
                    : !location.serves(channelId) ? "does not serve channel " + channelId : null;
            if (reason == null) {
                eligible.add(location);
            } else {
                excluded.add(scoring.assess(location, null, reason));
            }
        }
        List<LocationProfile> ranked = new ArrayList<>(eligible);
        ranked.sort(Comparator.comparing(LocationProfile::atCapacity).thenComparing(scoring.comparator()));
        List<LocationProfile> open =
                ranked.stream().filter(l -> !l.atCapacity()).toList();

        List<String> notes = new ArrayList<>();
        notes.add(describe(where));
        Assignment assignment = assign(lines, demand, open, scoring);
        if (!assignment.complete() && open.size() < ranked.size()) {
            Assignment overflow = assign(lines, demand, ranked, scoring);
            if (overflow.complete() || overflow.covered() > assignment.covered()) {
                notes.add("locations at daily capacity used because the others cannot cover the order");
                assignment = overflow;
            }
        } else if (open.size() < ranked.size()) {
            notes.add("locations at daily capacity ranked last (overflow)");
        }

        List<PlannedLine> planned = new ArrayList<>();
        for (LineDemand line : lines) {
            String chosen = assignment.chosen().get(line.lineId());
            List<String> fallbacks = ranked.stream()
                    .filter(l -> !l.id().equals(chosen))
                    .filter(l -> scoring.stock(l.id(), line.sku()) >= line.quantity())
                    .map(LocationProfile::id)
                    .toList();
            List<String> candidates = new ArrayList<>();
            if (chosen != null) {
                candidates.add(chosen);
            }
            candidates.addAll(fallbacks);
            if (candidates.isEmpty()) {
                // The read model may lag behind inventory: let inventory try every eligible location.
                ranked.forEach(l -> candidates.add(l.id()));
                notes.add("no stock seen for line " + line.lineId() + " (" + line.sku()
                        + "); every eligible location offered");
            }
            planned.add(new PlannedLine(line.lineId(), line.sku(), line.quantity(), List.copyOf(candidates)));
        }

        List<Explanation.Assessment> assessments = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            assessments.add(scoring.assess(ranked.get(i), i + 1, null));
        }
        assessments.addAll(excluded);
        String decision = ranked.isEmpty()
                ? "no-location"
                : !assignment.complete()
                        ? "insufficient-stock-seen"
                        : assignment.shipments() == 1 ? "single-location" : "split";
        Explanation explanation = new Explanation(
                rule.strategy().code(),
                where,
                decision,
                assignment.shipments(),
                assignment.chosen(),
                assessments,
                notes);
        return new RoutingPlan(planned, explanation);
    }

    private static String describe(ShipToResolution where) {
        return switch (where.source()) {
            case ShipToResolution.COORDINATES -> "distances from the ship-to coordinates";
            case ShipToResolution
                    .POSTAL_CENTROID -> "no ship-to coordinates: distances from the centroid of postal area "
                    + where.countryCode() + " " + where.postalPrefix() + " (" + where.label() + ")";
            case ShipToResolution.COUNTRY_CENTROID -> "no ship-to coordinates and unknown postal area: same country"
                    + " first, then distance from the centre of " + where.countryCode();
            case ShipToResolution.COUNTRY -> "only the ship-to country is known: same country first";
            default -> "no ship-to address: distance not used";
        };
    }

    /** Single location first, then the fewest locations covering every line, then a best-effort partial cover. */
    private static Assignment assign(
            List<LineDemand> lines, Map<String, Integer> demand, List<LocationProfile> ranked, Scoring scoring) {
        for (LocationProfile location : ranked) {
            boolean all =
                    demand.entrySet().stream().allMatch(e -> scoring.stock(location.id(), e.getKey()) >= e.getValue());
            if (all) {
                Map<String, String> chosen = new LinkedHashMap<>();
                lines.forEach(line -> chosen.put(line.lineId(), location.id()));
                return new Assignment(chosen, lines.size());
            }
        }
        // Only locations that can ship at least one line matter for a split.
        List<LocationProfile> useful = ranked.stream()
                .filter(l -> lines.stream().anyMatch(line -> scoring.stock(l.id(), line.sku()) >= line.quantity()))
                .toList();
        int[] budget = {MAX_COMBINATIONS};
        for (int size = 2; size <= Math.min(lines.size(), useful.size()); size++) {
            List<LocationProfile> cover = smallestCover(lines, useful, scoring, size, budget);
            if (cover != null) {
                return assignWithin(lines, cover, scoring);
            }
            if (budget[0] <= 0) {
                break;
            }
        }
        return greedy(lines, useful, scoring);
    }

    /** The first combination of {@code size} locations in rank order that covers every line, or null. */
    private static List<LocationProfile> smallestCover(
            List<LineDemand> lines, List<LocationProfile> useful, Scoring scoring, int size, int[] budget) {
        int[] index = new int[size];
        for (int i = 0; i < size; i++) {
            index[i] = i;
        }
        while (budget[0]-- > 0) {
            List<LocationProfile> combination = new ArrayList<>(size);
            for (int i : index) {
                combination.add(useful.get(i));
            }
            if (assignWithin(lines, combination, scoring).complete()) {
                return combination;
            }
            int i = size - 1;
            while (i >= 0 && index[i] == useful.size() - size + i) {
                i--;
            }
            if (i < 0) {
                return null;
            }
            index[i]++;
            for (int j = i + 1; j < size; j++) {
                index[j] = index[j - 1] + 1;
            }
        }
        return null;
    }

    /** Each line to the best-ranked location of the set that can ship it, counting units already planned there. */
    private static Assignment assignWithin(List<LineDemand> lines, List<LocationProfile> set, Scoring scoring) {
        Map<String, String> chosen = new LinkedHashMap<>();
        Map<String, Integer> planned = new HashMap<>();
        for (LineDemand line : lines) {
            for (LocationProfile location : set) {
                String key = location.id() + "\u0000" + line.sku();
                int already = planned.getOrDefault(key, 0);
                if (scoring.stock(location.id(), line.sku()) - already >= line.quantity()) {
                    chosen.put(line.lineId(), location.id());
                    planned.merge(key, line.quantity(), Integer::sum);
                    break;
                }
            }
        }
        return new Assignment(chosen, lines.size());
    }

    /** Repeatedly the location that ships the most remaining lines; used when the exact search is too large. */
    private static Assignment greedy(List<LineDemand> lines, List<LocationProfile> useful, Scoring scoring) {
        List<LineDemand> remaining = new ArrayList<>(lines);
        List<LocationProfile> picked = new ArrayList<>();
        while (!remaining.isEmpty()) {
            LocationProfile best = null;
            long bestCount = 0;
            for (LocationProfile location : useful) {
                if (picked.contains(location)) {
                    continue;
                }
                long count = remaining.stream()
                        .filter(line -> scoring.stock(location.id(), line.sku()) >= line.quantity())
                        .count();
                if (count > bestCount) {
                    best = location;
                    bestCount = count;
                }
            }
            if (best == null) {
                break;
            }
            LocationProfile location = best;
            picked.add(location);
            remaining.removeIf(line -> scoring.stock(location.id(), line.sku()) >= line.quantity());
        }
        return assignWithin(lines, picked, scoring);
    }

    /** Lines mapped to planned locations; complete when every line has one. */
    private record Assignment(Map<String, String> chosen, int lineCount) {

        boolean complete() {
            return chosen.size() == lineCount;
        }

        int covered() {
            return chosen.size();
        }

        int shipments() {
            Set<String> distinct = new LinkedHashSet<>(chosen.values());
            return distinct.size();
        }
    }

    /** Strategy-dependent order of locations, and the numbers the explanation shows. */
    private record Scoring(
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
            return GeoPoint.distanceKm(
                    shipTo.latitude(), shipTo.longitude(), location.latitude(), location.longitude());
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
                                        LocationProfile::costPerShipment,
                                        Comparator.nullsLast(Comparator.naturalOrder()))
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
}
