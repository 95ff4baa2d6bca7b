package dev.shelfsync.inventory.reservation;

import dev.shelfsync.contracts.inventory.Allocation;
import dev.shelfsync.inventory.stock.StockChange;
import dev.shelfsync.inventory.stock.StockEvents;
import dev.shelfsync.inventory.stock.StockLevel;
import dev.shelfsync.inventory.stock.StockWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Ends a confirmed reservation: released (its units are sellable again) or committed (they ship). Apart from
 * {@link ReservationService} because it needs no locking order, candidates or fences: it replays the stored
 * allocations. Each order settles once; settling it again changes nothing.
 */
@ApplicationScoped
public class ReservationSettlement {

    private final ReservationTransactions transactions;
    private final StockWriter writer;
    private final StockEvents events;

    public ReservationSettlement(ReservationTransactions transactions, StockWriter writer, StockEvents events) {
        this.transactions = transactions;
        this.writer = writer;
        this.events = events;
    }

    /** Gives back what an order holds; nothing happens when it holds nothing (never reserved, or released). */
    public Uni<List<Allocation>> release(String orderId, String reason, String messageId) {
        return settle(
                orderId,
                "released",
                messageId,
                allocation ->
                        StockChange.release(allocation.sku(), allocation.locationId(), allocation.quantity(), orderId));
    }

    /** Ships an order: its reserved units leave on_hand and reserved together. */
    public Uni<List<Allocation>> commit(String orderId, String messageId) {
        return settle(
                orderId,
                "committed",
                messageId,
                allocation ->
                        StockChange.commit(allocation.sku(), allocation.locationId(), allocation.quantity(), orderId));
    }

    private Uni<List<Allocation>> settle(
            String orderId, String status, String messageId, Function<Allocation, StockChange> change) {
        return transactions
                .inTransaction(messageId, tx -> tx.preparedQuery(
                                "update reservation_request set status = $2 where order_id = $1 and outcome = 'confirmed'"
                                        + " and status = 'open'")
                        .execute(Tuple.of(orderId, status))
                        .flatMap(updated -> updated.rowCount() == 0
                                ? Uni.createFrom().item(List.<Allocation>of())
                                : ReservationRecords.allocations(tx, orderId)
                                        .flatMap(allocations -> applyAll(tx, allocations, change)
                                                .flatMap(levels -> events.changed(
                                                        tx,
                                                        levels,
                                                        status.equals("released") ? "release" : "shipment",
                                                        orderId))
                                                .replaceWith(allocations))))
                .map(allocations -> allocations == null ? List.of() : allocations);
    }

    private Uni<List<StockLevel>> applyAll(
            SqlConnection tx, List<Allocation> allocations, Function<Allocation, StockChange> change) {
        List<StockLevel> levels = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Allocation allocation : allocations) {
            chain = chain.flatMap(ignored -> writer.apply(tx, change.apply(allocation))
                    .invoke(level -> levels.add(level.orElseThrow(
                            () -> new IllegalStateException("reserved units missing for " + allocation))))
                    .replaceWithVoid());
        }
        return chain.replaceWith(levels);
    }
}
