package dev.shelfsync.alerting.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelfsync.alerting.messaging.Require;
import dev.shelfsync.alerting.stock.StockWatch;
import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.inventory.AvailabilityChanged;
import dev.shelfsync.contracts.inventory.StockChanged;
import dev.shelfsync.platform.inbox.Inbox;
import dev.shelfsync.platform.messaging.IncomingEnvelope;
import dev.shelfsync.platform.messaging.MessageSettler;
import dev.shelfsync.platform.messaging.PoisonMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Feeds stock and availability changes into the low-stock, out-of-stock and reorder-point checks. */
@ApplicationScoped
public class InventoryConsumer {

    private final StockWatch stock;
    private final Inbox inbox;
    private final ObjectMapper mapper;

    public InventoryConsumer(StockWatch stock, Inbox inbox, ObjectMapper mapper) {
        this.stock = stock;
        this.inbox = inbox;
        this.mapper = mapper;
    }

    @Incoming("inventory-in")
    public Uni<Void> onMessage(Message<Object> message) {
        return MessageSettler.settle(message, Uni.createFrom().deferred(() -> apply(message.getPayload())));
    }

    private Uni<Void> apply(Object body) {
        IncomingEnvelope envelope = IncomingEnvelope.parse(body, mapper);
        return switch (envelope.type()) {
            case RoutingKeys.STOCK_CHANGED -> {
                StockChanged event = envelope.payloadAs(StockChanged.class, mapper);
                Require.present(event.sku(), envelope.type(), "sku");
                Require.present(event.locationId(), envelope.type(), "locationId");
                yield inbox.once(envelope.id(), tx -> stock.stockChanged(tx, event, envelope.occurredAt()));
            }
            case RoutingKeys.AVAILABILITY_CHANGED -> {
                AvailabilityChanged event = envelope.payloadAs(AvailabilityChanged.class, mapper);
                Require.present(event.sku(), envelope.type(), "sku");
                yield inbox.once(envelope.id(), tx -> stock.availabilityChanged(tx, event));
            }
            default -> throw new PoisonMessage("unexpected message type " + envelope.type());
        };
    }
}
