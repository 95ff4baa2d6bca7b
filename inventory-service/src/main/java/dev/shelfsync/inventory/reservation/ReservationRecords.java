package dev.shelfsync.inventory.reservation;

import dev.shelfsync.contracts.inventory.Allocation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The stored side of a reservation: its allocations and the versions it answered with, written and read back. */
final class ReservationRecords {

    private ReservationRecords() {}

    /** Stores the allocations and, on the request, the availability versions, in one statement. */
    static Uni<Void> storeAllocations(
            SqlConnection tx, String orderId, List<Allocation> allocations, Map<String, Long> versions) {
        return tx.preparedQuery(
                        """
                        with answered as (
                            update reservation_request set availability_versions = $6 where order_id = $1)
                        insert into reservation (order_id, line_id, sku, location_id, quantity)
                        select $1, line_id, sku, location_id, quantity
                          from unnest($2::text[], $3::text[], $4::text[], $5::int[])
                               as allocation (line_id, sku, location_id, quantity)
                        """)
                .execute(Tuple.tuple()
                        .addString(orderId)
                        .addArrayOfString(
                                allocations.stream().map(Allocation::lineId).toArray(String[]::new))
                        .addArrayOfString(
                                allocations.stream().map(Allocation::sku).toArray(String[]::new))
                        .addArrayOfString(
                                allocations.stream().map(Allocation::locationId).toArray(String[]::new))
                        .addArrayOfInteger(
                                allocations.stream().map(Allocation::quantity).toArray(Integer[]::new))
                        .addJsonObject(new JsonObject(new HashMap<>(versions))))
                .replaceWithVoid();
    }

    static Uni<Optional<ReservationOutcome>> existing(SqlConnection connection, String orderId) {
        return connection
                .preparedQuery("select outcome, availability_versions from reservation_request where order_id = $1")
                .execute(Tuple.of(orderId))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(Optional.<ReservationOutcome>empty());
                    }
                    Row request = rows.iterator().next();
                    if (!"confirmed".equals(request.getString("outcome"))) {
                        return Uni.createFrom().item(Optional.of(ReservationOutcome.refused(orderId, List.of())));
                    }
                    Map<String, Long> versions = new TreeMap<>();
                    JsonObject stored = request.getJsonObject("availability_versions");
                    if (stored != null) {
                        stored.forEach(entry -> versions.put(entry.getKey(), ((Number) entry.getValue()).longValue()));
                    }
                    return allocations(connection, orderId)
                            .map(allocations ->
                                    Optional.of(ReservationOutcome.confirmed(orderId, allocations, versions)));
                });
    }

    static Uni<List<Allocation>> allocations(SqlConnection connection, String orderId) {
        return connection
                .preparedQuery("select line_id, sku, location_id, quantity from reservation where order_id = $1"
                        + " order by sku, line_id")
                .execute(Tuple.of(orderId))
                .map(rows -> {
                    List<Allocation> allocations = new ArrayList<>();
                    for (Row row : rows) {
                        allocations.add(new Allocation(
                                row.getString("line_id"),
                                row.getString("sku"),
                                row.getString("location_id"),
                                row.getInteger("quantity")));
                    }
                    return allocations;
                });
    }
}
