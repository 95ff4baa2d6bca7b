package dev.shelfsync.routing.location;

import dev.shelfsync.contracts.channels.OrderLine;
import dev.shelfsync.contracts.inventory.StockChanged;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps the last seen numbers of every SKU x location from {@code inventory.stock-changed}. An upsert of absolute
 * numbers, so a redelivered event changes nothing; the model may lag and is never the authority (inventory
 * decides when it reserves).
 */
@ApplicationScoped
public class StockReadModel {

    private final Pool pool;

    public StockReadModel(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> apply(StockChanged event) {
        return pool.preparedQuery(
                        """
                        with known as (
                            insert into known_stock_location (location_id) values ($2) on conflict do nothing)
                        insert into location_stock (sku, location_id, sellable, on_hand, reserved)
                        values ($1, $2, $3, $4, $5)
                        on conflict (sku, location_id) do update
                           set sellable = excluded.sellable, on_hand = excluded.on_hand,
                               reserved = excluded.reserved, updated_at = now()
                        """)
                .execute(Tuple.of(event.sku(), event.locationId(), event.sellable(), event.onHand(), event.reserved()))
                .replaceWithVoid();
    }

    /** Sellable stock seen per location and SKU, for these SKUs. */
    Uni<Map<String, Map<String, Integer>>> sellable(SqlClient client, List<String> skus) {
        return client.preparedQuery("select sku, location_id, sellable from location_stock where sku = any($1)")
                .execute(Tuple.of(skus.toArray(new String[0])))
                .map(rows -> {
                    Map<String, Map<String, Integer>> sellable = new HashMap<>();
                    for (Row row : rows) {
                        sellable.computeIfAbsent(row.getString("location_id"), id -> new HashMap<>())
                                .put(row.getString("sku"), row.getInteger("sellable"));
                    }
                    return sellable;
                });
    }

    /** Sellable stock seen per SKU at one location, in SKU order. */
    Uni<Map<String, Integer>> seenAt(String locationId) {
        return pool.preparedQuery("select sku, sellable from location_stock where location_id = $1 order by sku")
                .execute(Tuple.of(locationId))
                .map(rows -> {
                    Map<String, Integer> seen = new TreeMap<>();
                    rows.forEach(row -> seen.put(row.getString("sku"), row.getInteger("sellable")));
                    return seen;
                });
    }

    /**
     * Whether the read model knows some line's SKU and shows less sellable stock over all locations than the line
     * needs. A SKU the read model has never seen is not short: nothing is known about it.
     */
    public Uni<Boolean> visiblyShort(SqlClient client, List<OrderLine> lines) {
        Map<String, Integer> needed = new HashMap<>();
        lines.forEach(line -> needed.merge(line.sku(), line.quantity(), Integer::sum));
        return client.preparedQuery(
                        "select sku, sum(greatest(sellable, 0))::int as sellable from location_stock where sku = any($1)"
                                + " group by sku")
                .execute(Tuple.of((Object) needed.keySet().toArray(new String[0])))
                .map(rows -> {
                    for (Row row : rows) {
                        if (row.getInteger("sellable") < needed.get(row.getString("sku"))) {
                            return true;
                        }
                    }
                    return false;
                });
    }
}
