package dev.shelfsync.routing.location;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.inventory.StockChanged;
import dev.shelfsync.platform.messaging.IncomingEnvelope;
import dev.shelfsync.platform.messaging.MessageSettler;
import dev.shelfsync.platform.messaging.PoisonMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Feeds the stock read model from inventory-service's stock-changed events. */
@ApplicationScoped
public class StockChangedConsumer {

    private final StockReadModel readModel;
    private final ObjectMapper mapper;

    public StockChangedConsumer(StockReadModel readModel, ObjectMapper mapper) {
        this.readModel = readModel;
        this.mapper = mapper;
    }

    @Incoming("stock")
    public Uni<Void> onMessage(Message<Object> message) {
        return MessageSettler.settle(message, Uni.createFrom().deferred(() -> apply(message.getPayload())));
    }

    private Uni<Void> apply(Object body) {
        IncomingEnvelope envelope = IncomingEnvelope.parse(body, mapper);
        if (!RoutingKeys.STOCK_CHANGED.equals(envelope.type())) {
            throw new PoisonMessage("unexpected message type " + envelope.type());
        }
        StockChanged event = envelope.payloadAs(StockChanged.class, mapper);
        if (event.sku() == null || event.locationId() == null) {
            throw new PoisonMessage("stock-changed without sku or location");
        }
        return readModel.apply(event);
    }
}
