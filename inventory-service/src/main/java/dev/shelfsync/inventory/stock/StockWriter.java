package dev.shelfsync.inventory.stock;

import dev.shelfsync.platform.problem.NotFoundProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Applies a {@link StockChange} as one conditional statement that also writes its ledger entry.
 *
 * <p>The update only matches when every state stays non-negative and sellable stays non-negative after the
 * change, so a reservation can never take more than is sellable, whatever runs concurrently and on however many
 * replicas: PostgreSQL re-checks the condition on the latest row version under the row lock.
 */
@ApplicationScoped
public class StockWriter {

    private static final String APPLY =
            """
            with changed as (
                update stock_level
                   set on_hand = on_hand + $3, reserved = reserved + $4, damaged = damaged + $5,
                       quality_hold = quality_hold + $6, inbound = inbound + $7
                 where sku = $1 and location_id = $2
                   and on_hand + $3 >= 0 and reserved + $4 >= 0 and damaged + $5 >= 0
                   and quality_hold + $6 >= 0 and inbound + $7 >= 0
                   and (on_hand + $3) - (reserved + $4) - (damaged + $5) - (quality_hold + $6) >= 0
                returning sku, location_id, on_hand, reserved, damaged, quality_hold, inbound)
            insert into ledger_entry (sku, location_id, reason, actor, correlation_id,
                                      on_hand_delta, reserved_delta, damaged_delta, quality_hold_delta, inbound_delta,
                                      on_hand_after, reserved_after, damaged_after, quality_hold_after, inbound_after)
            select sku, location_id, $8, $9, $10, $3, $4, $5, $6, $7,
                   on_hand, reserved, damaged, quality_hold, inbound
              from changed
            returning sku, location_id, on_hand_after, reserved_after, damaged_after, quality_hold_after, inbound_after
            """;

    /**
     * Locks the SKU row for the rest of the transaction. Every stock change of an SKU takes this lock first (in SKU
     * order when several SKUs change), so checks that span locations, like ring-fences, see stable numbers, and the
     * availability version follows commit order.
     */
    /** {@link #lockSkus} for one SKU that must exist: an unknown SKU is a 404 problem. */
    public static Uni<Void> lockExisting(SqlConnection tx, String sku) {
        return tx.preparedQuery("select sku from sku where sku = $1 for no key update")
                .execute(Tuple.of(sku))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new NotFoundProblem("SKU " + sku + " does not exist.");
                    }
                    return null;
                });
    }

    public Uni<Void> lockSkus(SqlConnection tx, java.util.Collection<String> skus) {
        String[] ordered = skus.stream().distinct().sorted().toArray(String[]::new);
        return tx.preparedQuery("select sku from sku where sku = any($1) order by sku for no key update")
                .execute(Tuple.of(ordered))
                .replaceWithVoid();
    }

    /** @return the numbers after the change, or empty when the change would break the invariant */
    public Uni<Optional<StockLevel>> apply(SqlConnection tx, StockChange change) {
        return lockSkus(tx, java.util.List.of(change.sku())).flatMap(locked -> applyLocked(tx, change));
    }

    /**
     * Like {@link #apply} for a caller that already holds the SKU lock (taken with the others of its transaction,
     * in order).
     *
     * @return the numbers after the change, or empty when the change would break the invariant
     */
    public Uni<Optional<StockLevel>> applyLocked(SqlConnection tx, StockChange change) {
        Tuple params = Tuple.tuple()
                .addString(change.sku())
                .addString(change.locationId())
                .addInteger(change.onHandDelta())
                .addInteger(change.reservedDelta())
                .addInteger(change.damagedDelta())
                .addInteger(change.qualityHoldDelta())
                .addInteger(change.inboundDelta())
                .addString(change.reason())
                .addString(change.actor())
                .addString(change.correlationId());
        return tx.preparedQuery(APPLY).execute(params).map(rows -> {
            var iterator = rows.iterator();
            return iterator.hasNext() ? Optional.of(StockLevel.fromLedgerRow(iterator.next())) : Optional.empty();
        });
    }

    /**
     * {@link #applyLocked} that creates the stock row when stock first arrives at a location. The row is created
     * only after the update found none to change and only for a change that adds units: a decrease or a
     * reservation of a missing row fails either way, and an existing row needs no insert.
     */
    public Uni<Optional<StockLevel>> applyCreatingRow(SqlConnection tx, StockChange change) {
        return applyLocked(tx, change)
                .flatMap(applied -> applied.isPresent() || !change.addsUnits()
                        ? Uni.createFrom().item(applied)
                        : ensureRow(tx, change.sku(), change.locationId()).flatMap(created -> applyLocked(tx, change)));
    }

    /** Makes sure a stock row exists before stock first arrives at a location. */
    public Uni<Void> ensureRow(SqlConnection tx, String sku, String locationId) {
        return tx.preparedQuery("insert into stock_level (sku, location_id) values ($1, $2) on conflict do nothing")
                .execute(Tuple.of(sku, locationId))
                .replaceWithVoid();
    }
}
