package dev.shelfsync.inventory.stock;

import dev.shelfsync.inventory.error.ConflictProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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

    /**
     * Runs stock work in one transaction, retried when PostgreSQL breaks a deadlock or a serialization conflict:
     * the work is then rolled back whole, so running it again is safe.
     */
    public <T> Uni<T> transaction(Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(work)
                .onFailure(StockService::isRetryable)
                .retry()
                .atMost(5);
    }

    public static boolean isRetryable(Throwable failure) {
        return failure instanceof PgException pg
                && ("40P01".equals(pg.getSqlState()) || "40001".equals(pg.getSqlState()));
    }

    public Uni<StockLevel> adjust(AdjustmentRequest request) {
        StockChange change = request.toChange();
        return transaction(tx -> apply(tx, List.of(change))).map(levels -> levels.get(0));
    }

    public Uni<StockLevel> writeOff(WriteOffRequest request) {
        return transaction(tx -> apply(tx, List.of(request.toChange()))).map(levels -> levels.get(0));
    }

    /**
     * Sets the counted on-hand quantity; the ledger records the difference. Refused when the count is below what is
     * reserved, damaged or on hold there: those units must be resolved first.
     */
    public Uni<StockLevel> count(CountRequest request) {
        return transaction(tx -> writer.ensureRow(tx, request.sku(), request.locationId())
                .flatMap(ignored -> writer.lockSkus(tx, List.of(request.sku())))
                .flatMap(locked -> tx.preparedQuery(
                                "select on_hand from stock_level where sku = $1 and location_id = $2")
                        .execute(Tuple.of(request.sku(), request.locationId())))
                .flatMap(rows -> {
                    int delta = request.countedOnHand() - rows.iterator().next().getInteger(0);
                    return apply(
                            tx,
                            List.of(new StockChange(
                                    request.sku(),
                                    request.locationId(),
                                    delta,
                                    0,
                                    0,
                                    0,
                                    0,
                                    "cycle-count",
                                    request.actorOrDefault(),
                                    request.countId())));
                })
                .map(levels -> levels.get(0)));
    }

    /**
     * Applies changes inside the caller's transaction: locks their SKUs once, applies each change conditionally
     * (creating the stock row when units first arrive at a location) and appends the events. Any change that would
     * break the invariant fails the whole transaction.
     */
    public Uni<List<StockLevel>> apply(SqlConnection tx, List<StockChange> changes) {
        List<StockLevel> levels = new ArrayList<>();
        Uni<Void> chain =
                writer.lockSkus(tx, changes.stream().map(StockChange::sku).toList());
        for (StockChange change : changes) {
            chain = chain.flatMap(ignored -> writer.applyCreatingRow(tx, change))
                    .invoke(applied -> levels.add(applied.orElseThrow(() -> new ConflictProblem(
                            "invariant",
                            "The change would make a stock state negative or sellable stock negative.",
                            Map.of("sku", change.sku(), "locationId", change.locationId())))))
                    .replaceWithVoid();
        }
        StockChange first = changes.get(0);
        return chain.flatMap(ignored -> events.changed(tx, levels, first.reason(), first.correlationId()))
                .replaceWith(levels);
    }

    public Uni<List<StockLevel>> list(String locationId, Integer maxSellable, String afterSku, int limit) {
        return pool.preparedQuery(
                        """
                        select sku, location_id, on_hand, reserved, damaged, quality_hold, inbound from stock_level
                         where ($1::text is null or location_id = $1)
                           and ($2::int is null or on_hand - reserved - damaged - quality_hold <= $2)
                           and ($3::text is null or sku > $3)
                         order by sku, location_id limit $4
                        """)
                .execute(Tuple.tuple()
                        .addString(locationId)
                        .addInteger(maxSellable)
                        .addString(afterSku)
                        .addInteger(limit))
                .map(rows -> {
                    List<StockLevel> levels = new ArrayList<>();
                    for (Row row : rows) {
                        levels.add(StockLevel.fromRow(row));
                    }
                    return levels;
                });
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
