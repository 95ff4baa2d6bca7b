package dev.shelfsync.routing.order;

import dev.shelfsync.contracts.inventory.Allocation;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL for how an order is fulfilled: where inventory reserved each line, the shipments from each location and
 * their deliveries; always inside the caller's transaction.
 */
@ApplicationScoped
public class FulfilmentStore {

    /**
     * Marks the given shipment, or every shipment of the order, delivered (once).
     *
     * @return ids of the shipments newly marked
     */
    public Uni<List<Long>> markDelivered(SqlConnection tx, String orderId, Long shipmentId) {
        return tx.preparedQuery(
                        """
                        update shipment set delivered_at = now()
                         where order_id = $1 and ($2::bigint is null or id = $2) and delivered_at is null
                        returning id
                        """)
                .execute(Tuple.of(orderId, shipmentId))
                .map(rows -> {
                    List<Long> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getLong("id")));
                    ids.sort(null);
                    return ids;
                });
    }

    public Uni<Void> saveAllocations(SqlConnection tx, String orderId, List<Allocation> allocations) {
        if (allocations.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = allocations.stream()
                .map(a -> Tuple.of(orderId, a.lineId(), a.sku(), a.locationId(), a.quantity()))
                .toList();
        return tx.preparedQuery(
                        """
                        insert into order_allocation (order_id, line_id, sku, location_id, quantity)
                        values ($1, $2, $3, $4, $5) on conflict do nothing
                        """)
                .executeBatch(rows)
                .replaceWithVoid();
    }

    public Uni<List<OrderView.AllocationView>> allocations(SqlClient client, String orderId) {
        return client.preparedQuery(
                        """
                        select line_id, sku, location_id, quantity, shipment_id from order_allocation
                         where order_id = $1 order by location_id, line_id
                        """)
                .execute(Tuple.of(orderId))
                .map(rows -> {
                    List<OrderView.AllocationView> allocations = new ArrayList<>();
                    rows.forEach(row -> allocations.add(new OrderView.AllocationView(
                            row.getString("line_id"),
                            row.getString("sku"),
                            row.getString("location_id"),
                            row.getInteger("quantity"),
                            row.getLong("shipment_id"))));
                    return allocations;
                });
    }

    public Uni<Long> insertShipment(
            SqlConnection tx, String orderId, String locationId, String carrier, String trackingNumber) {
        return tx.preparedQuery(
                        """
                        insert into shipment (order_id, location_id, carrier, tracking_number)
                        values ($1, $2, $3, $4) returning id
                        """)
                .execute(Tuple.of(orderId, locationId, carrier, trackingNumber))
                .map(rows -> rows.iterator().next().getLong("id"))
                .flatMap(id -> tx.preparedQuery(
                                """
                                update order_allocation set shipment_id = $3
                                 where order_id = $1 and location_id = $2 and shipment_id is null
                                """)
                        .execute(Tuple.of(orderId, locationId, id))
                        .replaceWith(id));
    }

    public Uni<List<OrderView.ShipmentView>> shipments(SqlClient client, String orderId) {
        return client.preparedQuery(
                        "select id, location_id, carrier, tracking_number, shipped_at, delivered_at from shipment"
                                + " where order_id = $1 order by id")
                .execute(Tuple.of(orderId))
                .map(rows -> {
                    List<OrderView.ShipmentView> shipments = new ArrayList<>();
                    rows.forEach(row -> shipments.add(new OrderView.ShipmentView(
                            row.getLong("id"),
                            row.getString("location_id"),
                            row.getString("carrier"),
                            row.getString("tracking_number"),
                            row.getOffsetDateTime("shipped_at"),
                            row.getOffsetDateTime("delivered_at"))));
                    return shipments;
                });
    }
}
