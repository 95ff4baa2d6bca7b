package dev.shelfsync.inventory.stock;

import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.inventory.StockChanged;
import dev.shelfsync.inventory.availability.AvailabilityOutbox;
import dev.shelfsync.inventory.availability.AvailabilityReader;
import dev.shelfsync.inventory.availability.ChannelPolicies;
import dev.shelfsync.platform.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The events that follow a set of stock changes: one stock-changed per row, availability per SKU. */
@ApplicationScoped
public class StockEvents {

    private final OutboxWriter outbox;
    private final AvailabilityOutbox availability;
    private final AvailabilityReader reader;

    public StockEvents(OutboxWriter outbox, AvailabilityOutbox availability, AvailabilityReader reader) {
        this.outbox = outbox;
        this.availability = availability;
        this.reader = reader;
    }

    /** Takes the availability versions and appends every event of the changes in one batch. */
    public Uni<Void> changed(SqlConnection tx, List<StockLevel> levels, String reason, String correlationId) {
        return reader.policies(tx)
                .flatMap(policies -> availability
                        .nextVersions(tx, skus(levels))
                        .flatMap(versions -> messages(tx, levels, reason, correlationId, versions, policies)))
                .flatMap(messages -> outbox.appendAll(tx, messages));
    }

    /** Takes the next availability version of every changed SKU and of the bundles containing them. */
    public Uni<Map<String, Long>> takeVersions(SqlConnection tx, List<StockLevel> levels) {
        return availability.nextVersions(tx, skus(levels));
    }

    /**
     * The events of the changes, for the caller to append with its own: stock-changed per row, then availability
     * per SKU under the versions taken, with numbers read now.
     */
    public Uni<List<OutboxWriter.Message>> messages(
            SqlConnection tx,
            List<StockLevel> levels,
            String reason,
            String correlationId,
            Map<String, Long> versions,
            ChannelPolicies policies) {
        List<OutboxWriter.Message> messages = new ArrayList<>();
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
            messages.add(new OutboxWriter.Message(RoutingKeys.STOCK_CHANGED, correlationId, null, event));
        }
        return availability.events(tx, versions, correlationId, policies).map(availabilityEvents -> {
            messages.addAll(availabilityEvents);
            return messages;
        });
    }

    private static List<String> skus(List<StockLevel> levels) {
        return levels.stream().map(StockLevel::sku).toList();
    }
}
