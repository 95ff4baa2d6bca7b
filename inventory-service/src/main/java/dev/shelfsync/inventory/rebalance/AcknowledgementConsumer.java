package dev.shelfsync.inventory.rebalance;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.channels.AvailabilityAcknowledged;
import dev.shelfsync.platform.messaging.IncomingEnvelope;
import dev.shelfsync.platform.messaging.MessageSettler;
import dev.shelfsync.platform.messaging.PoisonMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** The gateway's word that a store shows an availability version: completes the moves waiting for it. */
@ApplicationScoped
public class AcknowledgementConsumer {

    private final RebalanceService rebalances;
    private final ObjectMapper mapper;

    public AcknowledgementConsumer(RebalanceService rebalances, ObjectMapper mapper) {
        this.rebalances = rebalances;
        this.mapper = mapper;
    }

    @Incoming("channel-acknowledgements")
    public Uni<Void> onMessage(Message<Object> message) {
        return MessageSettler.settle(message, Uni.createFrom().deferred(() -> apply(message.getPayload())));
    }

    private Uni<Void> apply(Object body) {
        IncomingEnvelope envelope = IncomingEnvelope.parse(body, mapper);
        if (!RoutingKeys.AVAILABILITY_ACKNOWLEDGED.equals(envelope.type())) {
            throw new PoisonMessage("unexpected message type " + envelope.type());
        }
        return rebalances.acknowledged(envelope.payloadAs(AvailabilityAcknowledged.class, mapper), envelope.id());
    }
}
