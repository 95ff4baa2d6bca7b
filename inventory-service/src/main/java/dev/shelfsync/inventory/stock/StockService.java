package dev.shelfsync.inventory.stock;

import dev.shelfsync.inventory.error.ConflictProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Adjustments of stock states by people and systems, each with its ledger entry and events. */
@ApplicationScoped
public class StockService {

    private final Pool pool;
    private final StockWriter writer;
    private final StockEvents events;

    public StockService(Pool pool, StockWriter writer, StockEvents events) {
        this.pool = pool;
        this.writer = writer;
        this.events = events;
    }

    public Uni<StockLevel> adjust(AdjustmentRequest request) {
        StockChange change = request.toChange();
        return pool.withTransaction(tx -> writer.ensureRow(tx, change.sku(), change.locationId())
                .flatMap(ignored -> writer.apply(tx, change))
                .flatMap(applied -> {
                    StockLevel level = applied.orElseThrow(() -> new ConflictProblem(
                            "invariant",
                            "The adjustment would make a stock state negative or sellable stock negative.",
                            Map.of("sku", change.sku(), "locationId", change.locationId())));
                    return events.changed(tx, List.of(level), change.reason(), change.correlationId())
                            .replaceWith(level);
                }));
    }

    public Uni<List<StockLevel>> bySku(String sku) {
        return pool.preparedQuery(
                        "select sku, location_id, on_hand, reserved, damaged, quality_hold, inbound from stock_level"
                                + " where sku = $1 order by location_id")
                .execute(Tuple.of(sku))
                .map(rows -> {
                    List<StockLevel> levels = new ArrayList<>();
                    for (Row row : rows) {
                        levels.add(StockLevel.fromRow(row));
                    }
                    return levels;
                });
    }
}
