package dev.shelfsync.inventory.reservation;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.orders.StockCommitRequested;
import dev.shelfsync.contracts.orders.StockReleaseRequested;
import dev.shelfsync.contracts.orders.StockReservationRequested;
import dev.shelfsync.platform.messaging.IncomingEnvelope;
import dev.shelfsync.platform.messaging.MessageSettler;
import dev.shelfsync.platform.messaging.PoisonMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Applies order-routing's reserve, release and commit requests; each message at most once (inbox). */
@ApplicationScoped
public class OrderCommandConsumer {

    private final ReservationService reservations;
    private final ReservationSettlement settlement;
    private final ObjectMapper mapper;

    public OrderCommandConsumer(
            ReservationService reservations, ReservationSettlement settlement, ObjectMapper mapper) {
        this.reservations = reservations;
        this.settlement = settlement;
        this.mapper = mapper;
    }

    @Incoming("order-commands")
    public Uni<Void> onMessage(Message<Object> message) {
        return MessageSettler.settle(message, Uni.createFrom().deferred(() -> apply(message.getPayload())));
    }

    private Uni<Void> apply(Object body) {
        IncomingEnvelope envelope = IncomingEnvelope.parse(body, mapper);
        return switch (envelope.type()) {
            case RoutingKeys.STOCK_RESERVATION_REQUESTED -> reservations
                    .reserve(envelope.payloadAs(StockReservationRequested.class, mapper), envelope.id())
                    .replaceWithVoid();
            case RoutingKeys.STOCK_RELEASE_REQUESTED -> {
                StockReleaseRequested release = envelope.payloadAs(StockReleaseRequested.class, mapper);
                yield settlement
                        .release(release.orderId(), release.reason(), envelope.id())
                        .replaceWithVoid();
            }
            case RoutingKeys.STOCK_COMMIT_REQUESTED -> settlement
                    .commit(
                            envelope.payloadAs(StockCommitRequested.class, mapper)
                                    .orderId(),
                            envelope.id())
                    .replaceWithVoid();
            default -> throw new PoisonMessage("unexpected message type " + envelope.type());
        };
    }
}
