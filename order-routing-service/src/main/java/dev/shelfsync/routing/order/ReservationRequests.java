package dev.shelfsync.routing.order;

import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.channels.OrderLine;
import dev.shelfsync.contracts.channels.ShipTo;
import dev.shelfsync.contracts.orders.ReservationLine;
import dev.shelfsync.contracts.orders.StockReservationRequested;
import dev.shelfsync.platform.outbox.OutboxWriter;
import dev.shelfsync.routing.location.DailyCapacity;
import dev.shelfsync.routing.location.LocationSnapshots;
import dev.shelfsync.routing.ranking.GeoPoint;
import dev.shelfsync.routing.ranking.LineDemand;
import dev.shelfsync.routing.ranking.LocationProfile;
import dev.shelfsync.routing.ranking.RoutingPlan;
import dev.shelfsync.routing.ranking.RoutingPlanner;
import dev.shelfsync.routing.ranking.RoutingRule;
import dev.shelfsync.routing.rule.RoutingRules;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Asks inventory to reserve an order: ranks the locations for every line, holds the planned locations' daily
 * capacity, stores why, and appends the reservation request to the outbox.
 */
@ApplicationScoped
public class ReservationRequests {

    private final OrderStore store;
    private final LocationSnapshots snapshots;
    private final DailyCapacity capacity;
    private final RoutingRules rules;
    private final OutboxWriter outbox;

    public ReservationRequests(
            OrderStore store,
            LocationSnapshots snapshots,
            DailyCapacity capacity,
            RoutingRules rules,
            OutboxWriter outbox) {
        this.store = store;
        this.snapshots = snapshots;
        this.capacity = capacity;
        this.rules = rules;
        this.outbox = outbox;
    }

    /**
     * Ranks locations for every line, takes the planned locations' daily capacity, stores why, and appends the
     * reservation request for inventory. A location whose capacity was taken meanwhile by a concurrent order is
     * treated as full and the order is planned again.
     */
    Uni<Void> request(
            SqlConnection tx,
            String orderId,
            String channelId,
            String externalOrderId,
            List<OrderLine> lines,
            ShipTo shipTo,
            int attempt,
            Instant receivedAt) {
        List<String> skus = lines.stream().map(OrderLine::sku).distinct().toList();
        List<LineDemand> demand = lines.stream()
                .map(l -> new LineDemand(l.lineId(), l.sku(), l.quantity()))
                .toList();
        long[] planningNanos = {0};
        List<String> foundFull = new ArrayList<>();
        return rules.forChannel(tx, channelId)
                .flatMap(rule -> snapshots
                        .snapshot(tx, skus)
                        .flatMap(snapshot -> planAndHold(
                                tx,
                                orderId,
                                new Planning(channelId, demand, geo(shipTo), rule, snapshot.sellable()),
                                snapshot.locations(),
                                planningNanos,
                                foundFull)))
                .flatMap(plan -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("attempt", attempt);
                    entry.put("receivedAt", receivedAt.toString());
                    entry.put("requestedAt", Instant.now().toString());
                    entry.put("decisionMicros", planningNanos[0] / 1_000);
                    entry.put("explanation", plan.explanation());
                    entry.put("candidates", candidates(plan));
                    if (!foundFull.isEmpty()) {
                        entry.put("capacityRefused", foundFull);
                    }
                    return store.recordAttempt(tx, orderId, attempt, entry)
                            .flatMap(done -> outbox.append(
                                    tx,
                                    RoutingKeys.STOCK_RESERVATION_REQUESTED,
                                    orderId,
                                    null,
                                    new StockReservationRequested(
                                            orderId, channelId, externalOrderId, reservationLines(plan))));
                });
    }

    /** What the planner needs besides the locations. */
    private record Planning(
            String channelId,
            List<LineDemand> lines,
            GeoPoint shipTo,
            RoutingRule rule,
            Map<String, Map<String, Integer>> sellable) {}

    private Uni<RoutingPlan> planAndHold(
            SqlConnection tx,
            String orderId,
            Planning planning,
            List<LocationProfile> profiles,
            long[] planningNanos,
            List<String> foundFull) {
        long started = System.nanoTime();
        RoutingPlan plan = RoutingPlanner.plan(
                planning.channelId(),
                planning.lines(),
                planning.shipTo(),
                planning.rule(),
                profiles,
                planning.sellable());
        planningNanos[0] += System.nanoTime() - started;
        Map<String, Integer> units = new TreeMap<>();
        Map<String, String> chosen = plan.explanation().chosen();
        planning.lines().forEach(line -> {
            String location = chosen.get(line.lineId());
            if (location != null) {
                units.merge(location, line.quantity(), Integer::sum);
            }
        });
        Map<String, LocationProfile> byId = new LinkedHashMap<>();
        profiles.forEach(p -> byId.put(p.id(), p));
        return holdAll(tx, orderId, List.copyOf(units.entrySet()), 0, byId).flatMap(full -> {
            if (full == null) {
                return Uni.createFrom().item(plan);
            }
            // Taken by a concurrent order since the snapshot: give back what this round took, plan without it.
            foundFull.add(full);
            List<LocationProfile> next = profiles.stream()
                    .map(p -> p.id().equals(full) ? p.full() : p)
                    .toList();
            return capacity.release(tx, orderId, List.of())
                    .flatMap(done -> planAndHold(tx, orderId, planning, next, planningNanos, foundFull));
        });
    }

    /** Holds capacity at each planned location in id order; returns the first location that was full, or null. */
    private Uni<String> holdAll(
            SqlConnection tx,
            String orderId,
            List<Map.Entry<String, Integer>> planned,
            int index,
            Map<String, LocationProfile> profiles) {
        if (index >= planned.size()) {
            return Uni.createFrom().nullItem();
        }
        String locationId = planned.get(index).getKey();
        int units = planned.get(index).getValue();
        LocationProfile profile = profiles.get(locationId);
        // The planner chose a location it knew to be full only because nothing else works: overflow, count anyway.
        boolean force = profile == null || profile.atCapacity();
        return capacity.hold(tx, orderId, locationId, units, force)
                .flatMap(held -> held
                        ? holdAll(tx, orderId, planned, index + 1, profiles)
                        : Uni.createFrom().item(locationId));
    }

    private static List<ReservationLine> reservationLines(RoutingPlan plan) {
        return plan.lines().stream()
                .map(line ->
                        new ReservationLine(line.lineId(), line.sku(), line.quantity(), line.candidateLocationIds()))
                .toList();
    }

    private static Map<String, List<String>> candidates(RoutingPlan plan) {
        Map<String, List<String>> candidates = new LinkedHashMap<>();
        plan.lines().forEach(line -> candidates.put(line.lineId(), line.candidateLocationIds()));
        return candidates;
    }

    private static GeoPoint geo(ShipTo shipTo) {
        if (shipTo == null) {
            return null;
        }
        return new GeoPoint(
                shipTo.latitude() == null ? null : shipTo.latitude().doubleValue(),
                shipTo.longitude() == null ? null : shipTo.longitude().doubleValue(),
                shipTo.countryCode(),
                shipTo.postalCode());
    }
}
