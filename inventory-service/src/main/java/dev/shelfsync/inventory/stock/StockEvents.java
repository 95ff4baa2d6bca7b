package dev.shelfsync.inventory.stock;

import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.inventory.StockChanged;
import dev.shelfsync.inventory.availability.AvailabilityOutbox;
import dev.shelfsync.inventory.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Appends the events that follow a set of stock changes: one stock-changed per row, availability per SKU. */
@ApplicationScoped
public class StockEvents {

    private final OutboxWriter outbox;
    private final AvailabilityOutbox availability;

    public StockEvents(OutboxWriter outbox, AvailabilityOutbox availability) {
        this.outbox = outbox;
        this.availability = availability;
    }

    public Uni<Void> changed(SqlConnection tx, List<StockLevel> levels, String reason, String correlationId) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (StockLevel level : levels) {
            StockChanged event = new StockChanged(
                    level.sku(),
                    level.locationId(),
                    level.onHand(),
                    level.reserved(),
                    level.damaged(),
                    level.qualityHold(),
                    level.inbound(),
                    level.sellable(),
                    reason);
            chain = chain.flatMap(ignored -> outbox.append(tx, RoutingKeys.STOCK_CHANGED, correlationId, null, event));
        }
        List<String> skus = levels.stream().map(StockLevel::sku).toList();
        return chain.flatMap(ignored -> availability.publish(tx, skus, correlationId));
    }
}
