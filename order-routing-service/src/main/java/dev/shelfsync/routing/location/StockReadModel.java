package dev.shelfsync.routing.location;

import dev.shelfsync.contracts.inventory.StockChanged;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

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
}
