package dev.shelfsync.gateway.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.inventory.AvailabilityChanged;
import dev.shelfsync.platform.messaging.IncomingEnvelope;
import dev.shelfsync.platform.messaging.MessageSettler;
import dev.shelfsync.platform.messaging.PoisonMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Applies inventory's availability changes to listings, each message once, and wakes the affected pushers. */
@ApplicationScoped
public class AvailabilityConsumer {

    private final AvailabilityService availability;
    private final PushScheduler pushers;
    private final ObjectMapper mapper;

    public AvailabilityConsumer(AvailabilityService availability, PushScheduler pushers, ObjectMapper mapper) {
        this.availability = availability;
        this.pushers = pushers;
        this.mapper = mapper;
    }

    @Incoming("availability")
    public Uni<Void> onMessage(Message<Object> message) {
        return MessageSettler.settle(message, Uni.createFrom().deferred(() -> apply(message.getPayload())));
    }

    private Uni<Void> apply(Object body) {
        IncomingEnvelope envelope = IncomingEnvelope.parse(body, mapper);
        if (!RoutingKeys.AVAILABILITY_CHANGED.equals(envelope.type())) {
            throw new PoisonMessage("unexpected message type " + envelope.type());
        }
        AvailabilityChanged change = envelope.payloadAs(AvailabilityChanged.class, mapper);
        if (change.sku() == null || change.sku().isBlank() || change.version() < 0) {
            throw new PoisonMessage("availability change without sku or version");
        }
        return availability
                .apply(change, envelope.id())
                .invoke(pushers::wakeAll)
                .replaceWithVoid();
    }
}
