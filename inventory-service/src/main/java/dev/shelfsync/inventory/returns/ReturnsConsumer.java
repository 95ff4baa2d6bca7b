package dev.shelfsync.inventory.returns;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.returns.ReturnUnitsDispositioned;
import dev.shelfsync.contracts.returns.ReturnUnitsReceived;
import dev.shelfsync.platform.messaging.IncomingEnvelope;
import dev.shelfsync.platform.messaging.MessageSettler;
import dev.shelfsync.platform.messaging.PoisonMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Applies returns-service's received and disposition events to stock. */
@ApplicationScoped
public class ReturnsConsumer {

    private final ReturnStockService returns;
    private final ObjectMapper mapper;

    public ReturnsConsumer(ReturnStockService returns, ObjectMapper mapper) {
        this.returns = returns;
        this.mapper = mapper;
    }

    @Incoming("return-events")
    public Uni<Void> onMessage(Message<Object> message) {
        return MessageSettler.settle(message, Uni.createFrom().deferred(() -> apply(message.getPayload())));
    }

    private Uni<Void> apply(Object body) {
        IncomingEnvelope envelope = IncomingEnvelope.parse(body, mapper);
        return switch (envelope.type()) {
            case RoutingKeys.RETURN_UNITS_RECEIVED -> returns.received(
                    envelope.payloadAs(ReturnUnitsReceived.class, mapper), envelope.id());
            case RoutingKeys.RETURN_UNITS_DISPOSITIONED -> returns.dispositioned(
                    envelope.payloadAs(ReturnUnitsDispositioned.class, mapper), envelope.id());
            default -> throw new PoisonMessage("unexpected message type " + envelope.type());
        };
    }
}
