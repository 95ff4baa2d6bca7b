package dev.shelfsync.routing.order;

import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.orders.OrderShipped;
import dev.shelfsync.contracts.orders.StockCommitRequested;
import dev.shelfsync.platform.outbox.OutboxWriter;
import dev.shelfsync.platform.problem.NotFoundProblem;
import dev.shelfsync.routing.error.ConflictProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Shipments and deliveries recorded by the warehouses: the last shipment commits the reservation, the last delivery
 * closes the order.
 */
@ApplicationScoped
public class Shipments {

    private final OrderTransactions transactions;
    private final OrderStore store;
    private final FulfilmentStore fulfilments;
    private final OrderLookup lookup;
    private final OutboxWriter outbox;

    public Shipments(
            OrderTransactions transactions,
            OrderStore store,
            FulfilmentStore fulfilments,
            OrderLookup lookup,
            OutboxWriter outbox) {
        this.transactions = transactions;
        this.store = store;
        this.fulfilments = fulfilments;
        this.lookup = lookup;
        this.outbox = outbox;
    }

    /** Records a shipment from one location (or every unshipped one); the last one commits the reservation. */
    public Uni<OrderView> ship(String orderId, ShipmentRequest request) {
        return transactions
                .inTransaction(null, tx -> store.findForUpdate(tx, orderId).flatMap(found -> {
                    OrderStore.OrderRow order =
                            found.orElseThrow(() -> new NotFoundProblem("No order " + orderId + "."));
                    if (!order.state().shippable()) {
                        throw new ConflictProblem(
                                "order-not-shippable",
                                "Order " + orderId + " is " + order.state().code() + " and cannot ship.",
                                Map.of("state", order.state().code()));
                    }
                    return fulfilments
                            .allocations(tx, orderId)
                            .flatMap(allocations -> shipFrom(tx, order, allocations, request));
                }))
                .flatMap(done -> lookup.find(orderId));
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
            chain = chain.flatMap(done -> fulfilments
                            .insertShipment(tx, order.id(), locationId, request.carrier(), request.trackingNumber())
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
        return transactions
                .inTransaction(null, tx -> store.findForUpdate(tx, orderId).flatMap(found -> {
                    OrderStore.OrderRow order =
                            found.orElseThrow(() -> new NotFoundProblem("No order " + orderId + "."));
                    if (!order.state().deliverable()) {
                        throw new ConflictProblem(
                                "order-not-shipped",
                                "Order " + orderId + " is " + order.state().code() + ": nothing was shipped.",
                                Map.of("state", order.state().code()));
                    }
                    return fulfilments.shipments(tx, orderId).flatMap(shipments -> {
                        if (shipmentId != null && shipments.stream().noneMatch(sh -> sh.shipmentId() == shipmentId)) {
                            throw new NotFoundProblem("Order " + orderId + " has no shipment " + shipmentId + ".");
                        }
                        return fulfilments
                                .markDelivered(tx, orderId, shipmentId)
                                .flatMap(marked -> {
                                    if (marked.isEmpty()) {
                                        return Uni.createFrom().voidItem();
                                    }
                                    long stillOnTheWay = shipments.stream()
                                            .filter(sh -> sh.deliveredAt() == null && !marked.contains(sh.shipmentId()))
                                            .count();
                                    String cause = "shipment "
                                            + marked.stream()
                                                    .map(String::valueOf)
                                                    .collect(Collectors.joining(", "))
                                            + " delivered";
                                    if (order.state() == OrderState.SHIPPED && stillOnTheWay == 0) {
                                        return store.transition(tx, orderId, OrderState.DELIVERED, cause);
                                    }
                                    return store.history(tx, orderId, order.state(), cause);
                                });
                    });
                }))
                .flatMap(done -> lookup.find(orderId));
    }
}
