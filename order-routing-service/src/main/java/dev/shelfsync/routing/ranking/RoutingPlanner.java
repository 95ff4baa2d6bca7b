package dev.shelfsync.routing.ranking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        LineCover.Assignment assignment = LineCover.assign(lines, demand, open, scoring);
        if (!assignment.complete() && open.size() < ranked.size()) {
            LineCover.Assignment overflow = LineCover.assign(lines, demand, ranked, scoring);
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
}
