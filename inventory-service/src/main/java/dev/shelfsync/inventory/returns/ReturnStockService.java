package dev.shelfsync.inventory.returns;

import dev.shelfsync.contracts.returns.ReturnUnitsDispositioned;
import dev.shelfsync.contracts.returns.ReturnUnitsReceived;
import dev.shelfsync.inventory.stock.StockChange;
import dev.shelfsync.inventory.stock.StockEvents;
import dev.shelfsync.inventory.stock.StockWriter;
import dev.shelfsync.platform.inbox.Inbox;
import dev.shelfsync.platform.messaging.PoisonMessage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Keeps returned units out of sellable stock until inspected: received units enter {@code on_hand} and
 * {@code quality_hold} together; the disposition decides where they go. Every entry names the RMA.
 */
@ApplicationScoped
public class ReturnStockService {

    private final Pool pool;
    private final Inbox inbox;
    private final StockWriter writer;
    private final StockEvents events;

    public ReturnStockService(Pool pool, Inbox inbox, StockWriter writer, StockEvents events) {
        this.pool = pool;
        this.inbox = inbox;
        this.writer = writer;
        this.events = events;
    }

    public Uni<Void> received(ReturnUnitsReceived received, String messageId) {
        requirePositive(received.quantity());
        int q = received.quantity();
        return apply(
                messageId,
                new StockChange(
                        received.sku(),
                        received.locationId(),
                        q,
                        0,
                        0,
                        q,
                        0,
                        "return-received",
                        "returns",
                        received.rmaId()));
    }

    public Uni<Void> dispositioned(ReturnUnitsDispositioned disposition, String messageId) {
        requirePositive(disposition.quantity());
        int q = disposition.quantity();
        String sku = disposition.sku();
        String location = disposition.locationId();
        String rma = disposition.rmaId();
        StockChange change =
                switch (disposition.disposition()) {
                    case "restock" -> new StockChange(sku, location, 0, 0, 0, -q, 0, "return-restock", "returns", rma);
                    case "discard" -> new StockChange(sku, location, 0, 0, q, -q, 0, "return-discard", "returns", rma);
                    case "return-to-vendor" -> new StockChange(
                            sku, location, -q, 0, 0, -q, 0, "return-to-vendor", "returns", rma);
                        // Refurbishment keeps the units on hold; a later restock or discard disposition moves them.
                    case "refurbish" -> null;
                    default -> throw new PoisonMessage("unknown disposition " + disposition.disposition());
                };
        return change == null ? Uni.createFrom().voidItem() : apply(messageId, change);
    }

    private Uni<Void> apply(String messageId, StockChange change) {
        return pool.withTransaction(tx -> inbox.firstDelivery(tx, messageId).flatMap(first -> {
            if (!first) {
                return Uni.createFrom().voidItem();
            }
            return writer.ensureRow(tx, change.sku(), change.locationId())
                    .flatMap(ignored -> writer.apply(tx, change))
                    .flatMap(level -> events.changed(
                            tx,
                            List.of(level.orElseThrow(() -> new PoisonMessage(
                                    "return " + change.correlationId() + " moves more units than are on hold"))),
                            change.reason(),
                            change.correlationId()));
        }));
    }

    private static void requirePositive(int quantity) {
        if (quantity <= 0) {
            throw new PoisonMessage("returned quantity must be positive");
        }
    }
}
