package dev.shelfsync.routing.order;

import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.channels.OrderCancelled;
import dev.shelfsync.contracts.channels.OrderLine;
import dev.shelfsync.contracts.channels.OrderReceived;
import dev.shelfsync.contracts.channels.ShipTo;
import dev.shelfsync.contracts.inventory.Allocation;
import dev.shelfsync.contracts.inventory.ReservationConfirmed;
import dev.shelfsync.contracts.inventory.ReservationRefused;
import dev.shelfsync.contracts.orders.OrderRouted;
import dev.shelfsync.contracts.orders.OrderShipped;
import dev.shelfsync.contracts.orders.OrderUnfulfillable;
import dev.shelfsync.contracts.orders.ReservationLine;
import dev.shelfsync.contracts.orders.StockCommitRequested;
import dev.shelfsync.contracts.orders.StockReleaseRequested;
import dev.shelfsync.contracts.orders.StockReservationRequested;
import dev.shelfsync.platform.inbox.Inbox;
import dev.shelfsync.platform.outbox.OutboxWriter;
import dev.shelfsync.platform.problem.NotFoundProblem;
import dev.shelfsync.routing.config.RoutingConfig;
import dev.shelfsync.routing.error.ConflictProblem;
import dev.shelfsync.routing.location.LocationDirectory;
import dev.shelfsync.routing.ranking.GeoPoint;
import dev.shelfsync.routing.ranking.LineDemand;
import dev.shelfsync.routing.ranking.LocationProfile;
import dev.shelfsync.routing.ranking.RoutingPlan;
import dev.shelfsync.routing.ranking.RoutingPlanner;
import dev.shelfsync.routing.ranking.RoutingRule;
import dev.shelfsync.routing.rule.RoutingRules;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * An order's life in routing: stored when the channel sends it, ranked and proposed to inventory, routed or
 * declared unfulfillable by inventory's answer, cancelled, shipped. Every change, its history entry and the
 * messages it causes commit in one transaction with the inbox row of the message that caused it.
 */
@ApplicationScoped
public class OrderService {

    private static final Logger LOG = Logger.getLogger(OrderService.class);
    private static final int DEADLOCK_RETRIES = 5;

    private final Pool pool;
    private final RetryClock retryClock;
    private final OrderStore store;
    private final LocationDirectory locations;
    private final RoutingRules rules;
    private final OutboxWriter outbox;
    private final Inbox inbox;
    private final int maxAttempts;
    private final Duration retryBackoff;
    private final Duration retryBackoffMax;

    public OrderService(
            Pool pool,
            OrderStore store,
            LocationDirectory locations,
            RoutingRules rules,
            OutboxWriter outbox,
            Inbox inbox,
            RoutingConfig config,
            RetryClock retryClock) {
        this.retryClock = retryClock;
        this.pool = pool;
        this.store = store;
        this.locations = locations;
        this.rules = rules;
        this.outbox = outbox;
        this.inbox = inbox;
        this.maxAttempts = Math.max(1, config.maxReservationAttempts());
        this.retryBackoff = config.retryBackoff();
        this.retryBackoffMax = config.retryBackoffMax();
    }

    /** Stores a new channel order and asks inventory to reserve it; a known order changes nothing. */
    public Uni<Void> receive(OrderReceived order, String messageId, String correlationId) {
        Instant receivedAt = Instant.now();
        return inTransaction(messageId, tx -> store.lockExternal(tx, order.channelId(), order.externalOrderId())
                .flatMap(locked -> store.findByExternal(tx, order.channelId(), order.externalOrderId()))
                .flatMap(existing -> {
                    if (existing.isPresent()) {
                        LOG.debugf("order %s/%s already known", order.channelId(), order.externalOrderId());
                        return Uni.createFrom().voidItem();
                    }
                    String orderId = UUID.randomUUID().toString();
                    return store.insert(tx, orderId, order, correlationId)
                            .flatMap(
                                    inserted -> store.earlyCancellation(tx, order.channelId(), order.externalOrderId()))
                            .flatMap(cancel -> cancel.isPresent()
                                    ? store.transition(
                                            tx,
                                            orderId,
                                            OrderState.CANCELLED,
                                            "cancel arrived before the order" + reason(cancel.get()))
                                    : route(
                                            tx,
                                            orderId,
                                            order.channelId(),
                                            order.externalOrderId(),
                                            order.lines(),
                                            order.shipTo(),
                                            1,
                                            receivedAt));
                }));
    }

    /** Cancels by the channel: before routing nothing to release, after routing release; unknown orders remembered. */
    public Uni<Void> cancel(OrderCancelled cancel, String messageId) {
        return inTransaction(messageId, tx -> store.lockExternal(tx, cancel.channelId(), cancel.externalOrderId())
                .flatMap(locked -> store.findByExternal(tx, cancel.channelId(), cancel.externalOrderId()))
                .flatMap(existing -> {
                    if (existing.isEmpty()) {
                        return store.rememberCancellation(
                                tx, cancel.channelId(), cancel.externalOrderId(), cancel.reason());
                    }
                    return store.findForUpdate(tx, existing.get().id())
                            .flatMap(row -> applyCancel(tx, row.orElseThrow(), cancel.reason()));
                }));
    }

    private Uni<Void> applyCancel(SqlConnection tx, OrderStore.OrderRow order, String reason) {
        if (!order.state().cancellable()) {
            return order.state() == OrderState.CANCELLED
                    ? Uni.createFrom().voidItem()
                    : store.history(
                            tx,
                            order.id(),
                            order.state(),
                            "cancel ignored: order already " + order.state().code());
        }
        String cause = "cancelled by channel "
                + (order.state() == OrderState.RECEIVED
                        ? "before routing"
                        : "after " + order.state().code())
                + reason(reason);
        Uni<Void> transition = store.transition(tx, order.id(), OrderState.CANCELLED, cause)
                .flatMap(done -> locations.release(tx, order.id(), List.of()));
        if (!order.state().holdsReservation()) {
            // A reservation request may still be in flight; its confirmation is released when it arrives.
            return transition;
        }
        return transition.flatMap(done -> outbox.append(
                tx,
                RoutingKeys.STOCK_RELEASE_REQUESTED,
                order.id(),
                null,
                new StockReleaseRequested(order.id(), "order-cancelled")));
    }

    /** Inventory reserved every line: the order is routed, unless it was cancelled meanwhile (then release). */
    public Uni<Void> confirmed(ReservationConfirmed confirmation, String messageId) {
        Instant answeredAt = Instant.now();
        return inTransaction(
                messageId, tx -> store.findForUpdate(tx, confirmation.orderId()).flatMap(found -> {
                    if (found.isEmpty()) {
                        LOG.debugf("confirmation for unknown order %s ignored", confirmation.orderId());
                        return Uni.createFrom().voidItem();
                    }
                    OrderStore.OrderRow order = found.get();
                    List<Allocation> allocations =
                            confirmation.allocations() == null ? List.of() : confirmation.allocations();
                    return switch (order.state()) {
                        case RECEIVED -> route(tx, order, allocations, confirmation.availabilityVersions(), answeredAt);
                        case CANCELLED, BACKORDERED, UNFULFILLABLE -> store.history(
                                        tx,
                                        order.id(),
                                        order.state(),
                                        "late reservation confirmation: releasing the reserved units")
                                .flatMap(done -> outbox.append(
                                        tx,
                                        RoutingKeys.STOCK_RELEASE_REQUESTED,
                                        order.id(),
                                        null,
                                        new StockReleaseRequested(
                                                order.id(),
                                                "order-" + order.state().code())));
                        default -> Uni.createFrom().voidItem();
                    };
                }));
    }

    private Uni<Void> route(
            SqlConnection tx,
            OrderStore.OrderRow order,
            List<Allocation> allocations,
            Map<String, Long> availabilityVersions,
            Instant answeredAt) {
        Map<String, Integer> shipping = new TreeMap<>();
        allocations.forEach(a -> shipping.merge(a.locationId(), a.quantity(), Integer::sum));
        return store.saveAllocations(tx, order.id(), allocations)
                .flatMap(done -> store.recordAnswer(tx, order.id(), Map.of("outcome", "confirmed"), answeredAt))
                .flatMap(done -> settleCapacity(tx, order.id(), shipping))
                .flatMap(done -> store.transition(
                        tx,
                        order.id(),
                        OrderState.ROUTED,
                        "reserved by inventory at " + String.join(", ", shipping.keySet())))
                .flatMap(done -> outbox.append(
                        tx,
                        RoutingKeys.ORDER_ROUTED,
                        order.id(),
                        null,
                        new OrderRouted(
                                order.id(),
                                order.channelId(),
                                order.externalOrderId(),
                                allocations,
                                availabilityVersions)));
    }

    /** Inventory refused: re-rank from fresh stock and retry, or declare the order unfulfillable. */
    public Uni<Void> refused(ReservationRefused refusal, String messageId) {
        Instant answeredAt = Instant.now();
        AtomicReference<Duration> scheduledPause = new AtomicReference<>();
        return inTransaction(messageId, tx -> store.findForUpdate(tx, refusal.orderId())
                        .flatMap(found -> {
                            if (found.isEmpty() || found.get().state() != OrderState.RECEIVED) {
                                return Uni.createFrom().voidItem();
                            }
                            OrderStore.OrderRow order = found.get();
                            List<String> shortLines = refusal.shortLines() == null ? List.of() : refusal.shortLines();
                            Map<String, Object> answer = new LinkedHashMap<>();
                            answer.put("outcome", "refused");
                            answer.put("reason", refusal.reason());
                            answer.put("shortLines", shortLines);
                            return store.recordAnswer(tx, order.id(), answer, answeredAt)
                                    .flatMap(done -> locations.release(tx, order.id(), List.of()))
                                    .flatMap(done -> store.lines(tx, order.id()))
                                    .flatMap(lines -> locations.visiblyShort(tx, lines))
                                    .flatMap(visiblyShort -> {
                                        // Re-ranking helps only when stock moved; when the read model shows too little
                                        // anywhere, asking again would only add load to the SKU everyone is buying.
                                        if (order.attempts() < maxAttempts && !visiblyShort) {
                                            Duration pause = backoff(order.attempts());
                                            scheduledPause.set(pause);
                                            return store.scheduleRetry(tx, order.id(), pause)
                                                    .flatMap(scheduled -> store.history(
                                                            tx,
                                                            order.id(),
                                                            OrderState.RECEIVED,
                                                            "inventory refused attempt " + order.attempts()
                                                                    + (shortLines.isEmpty()
                                                                            ? ""
                                                                            : " (short: "
                                                                                    + String.join(", ", shortLines)
                                                                                    + ")")
                                                                    + "; re-rank from fresh stock in "
                                                                    + pause.toMillis()
                                                                    + " ms"));
                                        }
                                        return store.lines(tx, order.id())
                                                .flatMap(lines -> unfulfillable(tx, order, lines, shortLines));
                                    });
                        }))
                // After the commit, so the re-rank finds the row; counted from later than the database's now(), so
                // never early.
                .invoke(() -> {
                    Duration pause = scheduledPause.get();
                    if (pause != null) {
                        retryClock.dueIn(pause);
                    }
                });
    }

    /** How long until this or another replica's next re-rank is due; null when no order waits for one. */
    public Uni<Duration> nextRetryDue() {
        return store.nextRetryDue(pool);
    }

    /**
     * Re-ranks one refused order whose pause is over, if any; claimed with {@code FOR UPDATE SKIP LOCKED}, so
     * each due order is taken by exactly one replica.
     *
     * @return whether an order was due
     */
    public Uni<Boolean> retryDue() {
        return inTransaction(null, tx -> store.claimDueRetry(tx).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(false);
            }
            OrderStore.OrderRow order = found.get();
            return store.lastAnsweredAt(tx, order.id())
                    .flatMap(refusedAt -> store.lines(tx, order.id())
                            .flatMap(lines -> route(
                                    tx,
                                    order.id(),
                                    order.channelId(),
                                    order.externalOrderId(),
                                    lines,
                                    shipTo(order),
                                    order.attempts() + 1,
                                    refusedAt.orElseGet(Instant::now))))
                    .replaceWith(true);
        }));
    }

    /** The pause before re-ranking after the given (1-based) refused attempt: doubling, capped. */
    Duration backoff(int refusedAttempt) {
        long millis = retryBackoff.toMillis() << Math.min(Math.max(0, refusedAttempt - 1), 16);
        return Duration.ofMillis(Math.min(millis, retryBackoffMax.toMillis()));
    }

    private Uni<Void> unfulfillable(
            SqlConnection tx, OrderStore.OrderRow order, List<OrderLine> lines, List<String> shortLines) {
        List<String> shortSkus = lines.stream()
                .filter(line -> shortLines.isEmpty() || shortLines.contains(line.lineId()))
                .map(OrderLine::sku)
                .distinct()
                .toList();
        return rules.forChannel(tx, order.channelId()).flatMap(rule -> {
            boolean cancel = RoutingRule.CANCEL.equals(rule.onUnfulfillable());
            OrderState state = cancel ? OrderState.UNFULFILLABLE : OrderState.BACKORDERED;
            String action = cancel ? "cancelled" : "backordered";
            String cause = "no location could reserve " + String.join(", ", shortSkus) + " after " + order.attempts()
                    + " attempts; " + action + " by channel policy";
            return store.transition(tx, order.id(), state, cause)
                    .flatMap(done -> outbox.append(
                            tx,
                            RoutingKeys.ORDER_UNFULFILLABLE,
                            order.id(),
                            null,
                            new OrderUnfulfillable(
                                    order.id(), order.channelId(), order.externalOrderId(), shortSkus, action)));
        });
    }

    /**
     * Ranks locations for every line, takes the planned locations' daily capacity, stores why, and appends the
     * reservation request for inventory. A location whose capacity was taken meanwhile by a concurrent order is
     * treated as full and the order is planned again.
     */
    private Uni<Void> route(
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
                .flatMap(rule -> locations
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
            return locations
                    .release(tx, orderId, List.of())
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
        return locations
                .hold(tx, orderId, locationId, units, force)
                .flatMap(held -> held
                        ? holdAll(tx, orderId, planned, index + 1, profiles)
                        : Uni.createFrom().item(locationId));
    }

    /**
     * Inventory reserved the order: the capacity held where nothing was reserved goes back; a location inventory
     * chose from the fallbacks is counted (reality wins over the limit).
     */
    private Uni<Void> settleCapacity(SqlConnection tx, String orderId, Map<String, Integer> shipping) {
        return locations
                .release(tx, orderId, shipping.keySet())
                .flatMap(done -> locations.held(tx, orderId))
                .flatMap(held -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Map.Entry<String, Integer> location : shipping.entrySet()) {
                        if (!held.contains(location.getKey())) {
                            chain = chain.flatMap(done -> locations
                                    .hold(tx, orderId, location.getKey(), location.getValue(), true)
                                    .replaceWithVoid());
                        }
                    }
                    return chain;
                });
    }

    /** Records a shipment from one location (or every unshipped one); the last one commits the reservation. */
    public Uni<OrderView> ship(String orderId, ShipmentRequest request) {
        return inTransaction(null, tx -> store.findForUpdate(tx, orderId).flatMap(found -> {
                    OrderStore.OrderRow order =
                            found.orElseThrow(() -> new NotFoundProblem("No order " + orderId + "."));
                    if (!order.state().shippable()) {
                        throw new ConflictProblem(
                                "order-not-shippable",
                                "Order " + orderId + " is " + order.state().code() + " and cannot ship.",
                                Map.of("state", order.state().code()));
                    }
                    return store.allocations(tx, orderId)
                            .flatMap(allocations -> shipFrom(tx, order, allocations, request));
                }))
                .flatMap(done -> store.view(pool, orderId));
    }

    private Uni<Void> shipFrom(
            SqlConnection tx,
            OrderStore.OrderRow order,
            List<OrderView.AllocationView> allocations,
            ShipmentRequest request) {
        List<OrderView.AllocationView> open =
                allocations.stream().filter(a -> a.shipmentId() == null).toList();
        List<OrderView.AllocationView> shipping = open.stream()
                .filter(a -> request.locationId() == null || a.locationId().equals(request.locationId()))
                .toList();
        if (shipping.isEmpty()) {
            throw new ConflictProblem(
                    "nothing-to-ship",
                    "Order " + order.id() + " has nothing left to ship from " + request.locationId() + ".",
                    Map.of("locationId", request.locationId()));
        }
        Map<String, List<OrderView.AllocationView>> byLocation = new LinkedHashMap<>();
        shipping.forEach(a -> byLocation
                .computeIfAbsent(a.locationId(), id -> new ArrayList<>())
                .add(a));
        boolean complete = shipping.size() == open.size();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<String, List<OrderView.AllocationView>> parcel : byLocation.entrySet()) {
            String locationId = parcel.getKey();
            OrderShipped event = new OrderShipped(
                    order.id(),
                    order.channelId(),
                    order.externalOrderId(),
                    locationId,
                    request.carrier(),
                    request.trackingNumber(),
                    parcel.getValue().stream()
                            .map(a -> new OrderShipped.ShippedLine(a.lineId(), a.sku(), a.quantity()))
                            .toList());
            chain = chain.flatMap(done -> store.insertShipment(
                                    tx, order.id(), locationId, request.carrier(), request.trackingNumber())
                            .replaceWithVoid())
                    .flatMap(done -> outbox.append(tx, RoutingKeys.ORDER_SHIPPED, order.id(), null, event));
        }
        String cause = "shipped from " + String.join(", ", byLocation.keySet()) + " with " + request.carrier() + " "
                + request.trackingNumber();
        if (!complete) {
            return chain.flatMap(done -> store.transition(tx, order.id(), OrderState.PARTIALLY_SHIPPED, cause));
        }
        return chain.flatMap(done -> store.transition(tx, order.id(), OrderState.SHIPPED, cause))
                .flatMap(done -> outbox.append(
                        tx,
                        RoutingKeys.STOCK_COMMIT_REQUESTED,
                        order.id(),
                        null,
                        new StockCommitRequested(order.id(), request.carrier(), request.trackingNumber())));
    }

    /**
     * The carrier delivered one shipment, or every shipment not yet delivered: the order is {@code delivered} once
     * it has shipped completely and every shipment arrived. Repeating a delivery changes nothing.
     */
    public Uni<OrderView> deliver(String orderId, DeliveryRequest request) {
        Long shipmentId = request.shipmentId();
        return inTransaction(null, tx -> store.findForUpdate(tx, orderId).flatMap(found -> {
                    OrderStore.OrderRow order =
                            found.orElseThrow(() -> new NotFoundProblem("No order " + orderId + "."));
                    if (!order.state().deliverable()) {
                        throw new ConflictProblem(
                                "order-not-shipped",
                                "Order " + orderId + " is " + order.state().code() + ": nothing was shipped.",
                                Map.of("state", order.state().code()));
                    }
                    return store.shipments(tx, orderId).flatMap(shipments -> {
                        if (shipmentId != null && shipments.stream().noneMatch(sh -> sh.shipmentId() == shipmentId)) {
                            throw new NotFoundProblem("Order " + orderId + " has no shipment " + shipmentId + ".");
                        }
                        return store.markDelivered(tx, orderId, shipmentId).flatMap(marked -> {
                            if (marked.isEmpty()) {
                                return Uni.createFrom().voidItem();
                            }
                            long stillOnTheWay = shipments.stream()
                                    .filter(sh -> sh.deliveredAt() == null && !marked.contains(sh.shipmentId()))
                                    .count();
                            String cause = "shipment "
                                    + marked.stream().map(String::valueOf).collect(Collectors.joining(", "))
                                    + " delivered";
                            if (order.state() == OrderState.SHIPPED && stillOnTheWay == 0) {
                                return store.transition(tx, orderId, OrderState.DELIVERED, cause);
                            }
                            return store.history(tx, orderId, order.state(), cause);
                        });
                    });
                }))
                .flatMap(done -> store.view(pool, orderId));
    }

    public Uni<OrderView> find(String orderId) {
        return store.view(pool, orderId).map(view -> {
            if (view == null) {
                throw new NotFoundProblem("No order " + orderId + ".");
            }
            return view;
        });
    }

    public Uni<OrderView> findByExternal(String channelId, String externalOrderId) {
        return store.findByExternal(pool, channelId, externalOrderId)
                .map(found -> found.orElseThrow(
                        () -> new NotFoundProblem("No order " + externalOrderId + " from channel " + channelId + ".")))
                .flatMap(row -> find(row.id()));
    }

    private <T> Uni<T> inTransaction(String messageId, Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(
                        tx -> (messageId == null ? Uni.createFrom().item(true) : inbox.firstDelivery(tx, messageId))
                                .flatMap(first -> first
                                        ? work.apply(tx)
                                        : Uni.createFrom().nullItem()))
                .onFailure(OrderService::isRetryable)
                .retry()
                .atMost(DEADLOCK_RETRIES);
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

    private static ShipTo shipTo(OrderStore.OrderRow order) {
        if (order.shipTo() == null || order.shipTo().isNull()) {
            return null;
        }
        var node = order.shipTo();
        return new ShipTo(
                node.path("countryCode").asText(null),
                node.path("postalCode").asText(null),
                node.hasNonNull("latitude") ? node.get("latitude").decimalValue() : null,
                node.hasNonNull("longitude") ? node.get("longitude").decimalValue() : null);
    }

    private static String reason(String reason) {
        return reason == null || reason.isBlank() ? "" : " (" + reason + ")";
    }

    /** Deadlocks, serialisation failures and a concurrent insert of the same order are retried. */
    private static boolean isRetryable(Throwable failure) {
        return failure instanceof PgException pg
                && ("40P01".equals(pg.getSqlState())
                        || "40001".equals(pg.getSqlState())
                        || "23505".equals(pg.getSqlState()));
    }
}
