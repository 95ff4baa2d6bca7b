package dev.shelfsync.routing.order;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.inventory.ReservationConfirmed;
import dev.shelfsync.contracts.inventory.ReservationRefused;
import dev.shelfsync.platform.messaging.IncomingEnvelope;
import dev.shelfsync.platform.messaging.MessageSettler;
import dev.shelfsync.platform.messaging.PoisonMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Takes inventory-service's answers to reservation requests; each message applied at most once (inbox). */
@ApplicationScoped
public class ReservationAnswerConsumer {

    private final ReservationAnswers orders;
    private final ObjectMapper mapper;

    public ReservationAnswerConsumer(ReservationAnswers orders, ObjectMapper mapper) {
        this.orders = orders;
        this.mapper = mapper;
    }

    @Incoming("reservations")
    public Uni<Void> onMessage(Message<Object> message) {
        return MessageSettler.settle(message, Uni.createFrom().deferred(() -> apply(message.getPayload())));
    }

    private Uni<Void> apply(Object body) {
        IncomingEnvelope envelope = IncomingEnvelope.parse(body, mapper);
        return switch (envelope.type()) {
            case RoutingKeys.RESERVATION_CONFIRMED -> {
                ReservationConfirmed confirmed = envelope.payloadAs(ReservationConfirmed.class, mapper);
                if (confirmed.orderId() == null) {
                    throw new PoisonMessage("confirmation without order id");
                }
                yield orders.confirmed(confirmed, envelope.id());
            }
            case RoutingKeys.RESERVATION_REFUSED -> {
                ReservationRefused refused = envelope.payloadAs(ReservationRefused.class, mapper);
                if (refused.orderId() == null) {
                    throw new PoisonMessage("refusal without order id");
                }
                yield orders.refused(refused, envelope.id());
            }
            default -> throw new PoisonMessage("unexpected message type " + envelope.type());
        };
    }
}
